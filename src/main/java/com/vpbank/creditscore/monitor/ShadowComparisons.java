package com.vpbank.creditscore.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.vpbank.creditscore.model.ModelGeneration;
import com.vpbank.creditscore.observe.ServiceMetrics;
import java.util.Arrays;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The champion against the challenger over the last {@code windowSize} shadowed predictions
 * of the serving challenger generation: how far their scores are apart, how often they give
 * the same credit group, and the PSI of the challenger's scores against the champion's. It
 * also counts what happened to every shadow request since that generation was loaded, and
 * meters each outcome ({@code creditscore_shadow_requests_total}): compared,
 * challenger_failed (stored without a challenger score), dropped (the shadow pool was full),
 * error (the shadow flow failed, e.g. the shadow table did not answer).
 */
public final class ShadowComparisons {

    private static final Logger LOG = LoggerFactory.getLogger(ShadowComparisons.class);

    private final int capacity;
    private final ServiceMetrics metrics;
    private final double[] championScores;
    private final double[] challengerScores;
    private final boolean[] sameGroup;
    private Long generation;
    private int next;
    private int size;
    private long compared;
    private long challengerFailed;
    private long dropped;
    private long errors;

    public ShadowComparisons(int windowSize, ServiceMetrics metrics) {
        this.capacity = windowSize;
        this.metrics = metrics;
        this.championScores = new double[windowSize];
        this.challengerScores = new double[windowSize];
        this.sameGroup = new boolean[windowSize];
    }

    /** A new challenger generation serves: the window and the counts start again. */
    public synchronized void start(ModelGeneration challenger) {
        generation = challenger.number();
        next = 0;
        size = 0;
        compared = 0;
        challengerFailed = 0;
        dropped = 0;
        errors = 0;
    }

    /** A shadow record was stored; one of the serving generation joins the window. */
    public synchronized void stored(@Body ShadowRecord record) {
        metrics.shadowRequest(record.compared() ? "compared" : "challenger_failed");
        if (generation == null || record.challengerGeneration() != generation) {
            return;
        }
        if (!record.compared()) {
            challengerFailed++;
            return;
        }
        compared++;
        championScores[next] = record.championScore();
        challengerScores[next] = record.challengerScore();
        sameGroup[next] = record.championCreditGroup().equals(record.challengerCreditGroup());
        next = (next + 1) % capacity;
        size = Math.min(size + 1, capacity);
    }

    /** The shadow pool was full: the request was not shadowed. */
    public synchronized void dropped() {
        dropped++;
        metrics.shadowRequest("dropped");
    }

    /** The shadow flow failed; the answer had gone already. Logged by kind only: no customer data. */
    public synchronized void failed(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable failure) {
        errors++;
        metrics.shadowRequest("error");
        LOG.warn("Shadow scoring failed: {}", failure == null ? "unknown" : failure.getClass().getSimpleName());
    }

    /** The answer of {@code GET /models/compare}. */
    public synchronized Comparison report() {
        if (size == 0) {
            return new Comparison(capacity, generation, compared + challengerFailed, challengerFailed, dropped, errors, 0,
                    null, null, null, null);
        }
        double[] champion = Arrays.copyOf(championScores, size);
        double[] challenger = Arrays.copyOf(challengerScores, size);
        double[] differences = new double[size];
        double sum = 0;
        int agree = 0;
        for (int i = 0; i < size; i++) {
            differences[i] = Math.abs(challenger[i] - champion[i]);
            sum += differences[i];
            agree += sameGroup[i] ? 1 : 0;
        }
        Arrays.sort(differences);
        Arrays.sort(champion);
        double[] edges = Psi.decileEdges(champion);
        double psi = Psi.of(Psi.shares(champion, edges), Psi.shares(challenger, edges));
        return new Comparison(capacity, generation, compared + challengerFailed, challengerFailed, dropped, errors, size,
                sum / size, Psi.quantile(differences, 0.95), (double) agree / size, psi);
    }

    /**
     * The comparison. Since the challenger generation was loaded: requests shadowed (a record
     * stored), of which the challenger failed to score; besides them, dropped (pool full), and errors of the
     * shadow flow. Over the window of the last {@code windowSize} compared predictions
     * ({@code pairsInWindow} of them): mean and 95th percentile of the absolute score difference,
     * the share of equal credit groups, and the PSI of the challenger's scores in the deciles
     * of the champion's. Figures are null while no pair is in the window.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Comparison(int windowSize, Long challengerGeneration, long shadowed, long challengerFailed,
                             long dropped, long errors, int pairsInWindow, Double meanAbsScoreDifference,
                             Double p95AbsScoreDifference, Double creditGroupAgreement, Double scorePsi) {
    }
}
