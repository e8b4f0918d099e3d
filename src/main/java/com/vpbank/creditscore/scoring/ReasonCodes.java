package com.vpbank.creditscore.scoring;

import com.vpbank.creditscore.model.Model;
import com.vpbank.creditscore.model.ModelConfig;
import com.vpbank.creditscore.model.ModelsUnavailableException;
import com.vpbank.creditscore.observe.ServiceMetrics;
import com.vpbank.creditscore.route.RouteProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a prediction its reason codes: the features that lowered the answered score most,
 * at most {@link #MAX_REASONS}, most harmful first, each with the code and description the
 * model's bundle gives it.
 *
 * <p>Each model that scored is asked how far each feature moved its score
 * ({@link Model#impacts}: TreeSHAP for XGBoost, substitution of the baseline value for the
 * ONNX models), unless its scoring step gave them already from the same model call
 * ({@link ModelScoring#scoreWithImpactsOptional}). An existing customer's score is the mean of the models that scored, so a
 * model's impacts on it are divided by their number. Only negative impacts are reasons;
 * fewer than four lowered the score, fewer are given.
 *
 * <p>Like scoring, each call is timed on the model meters (call {@code reasons}) and held to
 * the model time budget. For an existing customer, a model whose reasons cannot be given (no
 * baseline in its bundle, an error, over budget) says so in its {@code models} entry and the
 * others still count; for a new customer, the one model's failure fails the request with 503.
 */
public final class ReasonCodes {

    public static final int MAX_REASONS = 4;

    static final String NO_BASELINE = "The model's bundle gives no baseline to measure its features against.";

    private static final Logger LOG = LoggerFactory.getLogger(ReasonCodes.class);

    private final long budgetNanos;
    private final LongSupplier nanoClock;
    private final ServiceMetrics metrics;

    public ReasonCodes(Duration budget, ServiceMetrics metrics) {
        this(budget, System::nanoTime, metrics);
    }

    ReasonCodes(Duration budget, LongSupplier nanoClock, ServiceMetrics metrics) {
        this.budgetNanos = budget.toNanos();
        this.nanoClock = nanoClock;
        this.metrics = metrics;
    }

    /** The prediction with its reasons, and its model entries saying where reasons could not be given. */
    public Prediction explain(@Body Prediction prediction,
                              @ExchangeProperty(RouteProperties.PREDICT_REQUEST) PredictRequest request) {
        if (prediction instanceof NewCustomerPrediction) {
            ModelResult result = prediction.rawPredictions().get(0);
            List<Reason> candidates = new ArrayList<>();
            try {
                addCandidates(candidates, request, result.model(), 1);
            } catch (RuntimeException e) {
                LOG.warn("Reason codes of model {} failed: {}", result.model(), e.getClass().getSimpleName());
                throw new ModelsUnavailableException("Reason codes of model " + result.model() + " are unavailable.");
            }
            return prediction.withReasons(mostHarmful(candidates), prediction.rawPredictions());
        }
        List<ModelResult> results = prediction.rawPredictions();
        int scored = (int) results.stream().filter(ModelResult::succeeded).count();
        List<Reason> candidates = new ArrayList<>();
        List<ModelResult> entries = new ArrayList<>(results.size());
        for (ModelResult result : results) {
            if (!result.succeeded()) {
                entries.add(result);
                continue;
            }
            try {
                boolean given = result.hasImpacts()
                        ? addCandidates(candidates, request.models().model(result.model()), result.impacts(), scored)
                        : addCandidates(candidates, request, result.model(), scored);
                entries.add(given ? result : result.withReasonsUnavailable(NO_BASELINE));
            } catch (RuntimeException e) {
                LOG.warn("Reason codes of model {} failed: {}", result.model(), e.getClass().getSimpleName());
                entries.add(result.withReasonsUnavailable(e instanceof OverBudgetException
                        ? e.getMessage() : "The model failed to compute its reason codes."));
            }
        }
        return prediction.withReasons(mostHarmful(candidates), entries);
    }

    /**
     * The negative impacts of one model, divided by {@code divisor}, as candidate reasons;
     * false when the model gives no impacts.
     */
    private boolean addCandidates(List<Reason> candidates, PredictRequest request, String modelName, int divisor) {
        Model model = request.models().model(modelName);
        long start = nanoClock.getAsLong();
        double[] impacts;
        try {
            impacts = model.impacts(request.features(modelName));
        } catch (RuntimeException e) {
            metrics.modelInference(modelName, ServiceMetrics.REASONS_CALL, "error", nanoClock.getAsLong() - start);
            throw e;
        }
        if (impacts == null) {
            return false;
        }
        long elapsed = nanoClock.getAsLong() - start;
        metrics.modelInference(modelName, ServiceMetrics.REASONS_CALL,
                elapsed > budgetNanos ? "over_budget" : "success", elapsed);
        if (elapsed > budgetNanos) {
            throw new OverBudgetException("The model's reason codes exceeded its time budget of "
                    + Duration.ofNanos(budgetNanos).toMillis() + " ms.");
        }
        return addCandidates(candidates, model, impacts, divisor);
    }

    /**
     * The reasons of one model's score of one row, from its {@link Model#impacts}: as a new
     * customer's answer gives them (the one model, impacts undivided), most harmful first.
     */
    public static List<Reason> ofOneModel(Model model, double[] impacts) {
        List<Reason> candidates = new ArrayList<>();
        addCandidates(candidates, model, impacts, 1);
        return mostHarmful(candidates);
    }

    /** The negative impacts given, divided by {@code divisor}, as candidate reasons of the model. */
    private static boolean addCandidates(List<Reason> candidates, Model model, double[] impacts, int divisor) {
        ModelConfig config = model.config();
        String modelName = config.name();
        for (int i = 0; i < impacts.length; i++) {
            double impact = impacts[i] / divisor;
            if (impact < 0) {
                ModelConfig.ReasonCode code = config.reasonCode(i);
                candidates.add(new Reason(code.code(), config.featureName(i), modelName, impact, code.description()));
            }
        }
        return true;
    }

    /** The most negative impacts first, at most {@link #MAX_REASONS}; ties keep model and feature order. */
    static List<Reason> mostHarmful(List<Reason> candidates) {
        return candidates.stream()
                .sorted(Comparator.comparingDouble(Reason::impact))
                .limit(MAX_REASONS)
                .toList();
    }

    private static final class OverBudgetException extends RuntimeException {
        OverBudgetException(String message) {
            super(message);
        }
    }
}
