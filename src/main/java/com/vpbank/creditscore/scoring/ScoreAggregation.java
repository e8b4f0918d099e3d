package com.vpbank.creditscore.scoring;

import com.vpbank.creditscore.model.ModelsUnavailableException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * Collects the {@link ModelResult}s of the models an existing customer is scored by, in
 * the order the routes list them, into an {@link AggregatedScore}: the mean of the scores
 * that succeeded. When none succeeded the exchange fails with
 * {@link ModelsUnavailableException}, so nothing is stored.
 */
public final class ScoreAggregation implements AggregationStrategy {

    private static final String RESULTS = "modelResults";

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        Exchange result = oldExchange == null ? newExchange : oldExchange;
        @SuppressWarnings("unchecked")
        List<IndexedResult> results = result.getProperty(RESULTS, List.class);
        if (results == null) {
            results = new ArrayList<>();
            result.setProperty(RESULTS, results);
        }
        ModelResult modelResult = newExchange.getMessage().getBody(ModelResult.class);
        if (modelResult != null) {
            int index = newExchange.getProperty(Exchange.MULTICAST_INDEX, 0, Integer.class);
            results.add(new IndexedResult(index, modelResult));
        }
        return result;
    }

    @Override
    public void onCompletion(Exchange exchange, Exchange inputExchange) {
        if (exchange == null) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<IndexedResult> results = exchange.getProperty(RESULTS, List.class);
        exchange.removeProperty(RESULTS);
        List<ModelResult> ordered = results == null ? List.of() : results.stream()
                .sorted(Comparator.comparingInt(IndexedResult::index))
                .map(IndexedResult::result)
                .toList();
        try {
            exchange.getMessage().setBody(aggregate(ordered));
        } catch (ModelsUnavailableException e) {
            exchange.setException(e);
        }
    }

    /** The mean of the scores that succeeded; every model failing is an error. */
    public static AggregatedScore aggregate(List<ModelResult> results) {
        OptionalDouble mean = results.stream()
                .filter(ModelResult::succeeded)
                .mapToDouble(ModelResult::score)
                .average();
        if (mean.isEmpty()) {
            throw new ModelsUnavailableException("Every model for existing customers failed.");
        }
        int used = (int) results.stream().filter(ModelResult::succeeded).count();
        return new AggregatedScore(mean.getAsDouble(), used, List.copyOf(results));
    }

    private record IndexedResult(int index, ModelResult result) {
    }
}
