package com.vpbank.creditscore.monitor;

import com.vpbank.creditscore.model.Model;
import com.vpbank.creditscore.model.ModelBundle;
import com.vpbank.creditscore.model.ModelLease;
import com.vpbank.creditscore.model.ModelPrediction;
import com.vpbank.creditscore.model.ModelRegistry;
import com.vpbank.creditscore.model.ModelsUnavailableException;
import com.vpbank.creditscore.observe.ServiceMetrics;
import com.vpbank.creditscore.route.RouteProperties;
import com.vpbank.creditscore.scoring.CreditGroup;
import com.vpbank.creditscore.scoring.ModelResult;
import com.vpbank.creditscore.scoring.PredictRequest;
import com.vpbank.creditscore.scoring.Prediction;
import com.vpbank.creditscore.scoring.ScoreAggregation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores an answered request again with the challenger bundle, the way the champion scored
 * it: the same models on the same feature rows, the mean of those that scored for an
 * existing customer, the one model for a new one. A challenger model that throws or takes
 * longer than its time budget has failed, as a champion model would have. Runs on the
 * shadow pool, after the answer is decided; nothing it does reaches the answer.
 */
public final class ShadowScoring {

    private static final Logger LOG = LoggerFactory.getLogger(ShadowScoring.class);

    private final ModelRegistry challenger;
    private final DriftMonitor drift;
    private final ServiceMetrics metrics;
    private final long budgetNanos;

    public ShadowScoring(ModelRegistry challenger, DriftMonitor drift, ServiceMetrics metrics, Duration budget) {
        this.challenger = challenger;
        this.drift = drift;
        this.metrics = metrics;
        this.budgetNanos = budget.toNanos();
    }

    public ShadowRecord score(@Body Prediction champion,
                              @ExchangeProperty(RouteProperties.PREDICT_REQUEST) PredictRequest request) {
        Map<String, String> championVersions = new LinkedHashMap<>();
        for (ModelResult result : champion.rawPredictions()) {
            if (result.succeeded()) {
                championVersions.put(result.model(), result.version());
            }
        }
        try (ModelLease lease = challenger.acquire()) {
            ModelBundle models = lease.bundle();
            List<ModelResult> results = new ArrayList<>();
            Map<String, String> challengerVersions = new LinkedHashMap<>();
            for (ModelResult championResult : champion.rawPredictions()) {
                String name = championResult.model();
                if (models.has(name) && request.has(name)) {
                    challengerVersions.put(name, models.model(name).config().version());
                    results.add(score(models, name, request.features(name)));
                }
            }
            Double score = null;
            String error = null;
            try {
                score = ScoreAggregation.aggregate(results).score();
            } catch (ModelsUnavailableException failed) {
                error = results.isEmpty() ? "The challenger has none of the champion's models."
                        : results.get(0).error();
            }
            return new ShadowRecord(champion.predictionId(), champion.customerId(), champion.customerType(),
                    champion.timestamp(), champion.creditScore(), CreditGroup.of(champion.creditScore()).label(),
                    championVersions, lease.generation().number(), score,
                    score == null ? null : CreditGroup.of(score).label(), challengerVersions, error);
        }
    }

    private ModelResult score(ModelBundle models, String name, float[] features) {
        Model model = models.model(name);
        long start = System.nanoTime();
        ModelPrediction prediction;
        try {
            prediction = model.predict(features);
        } catch (RuntimeException e) {
            metrics.shadowInference(name, "error", System.nanoTime() - start);
            LOG.warn("Challenger model {} failed: {}", name, e.getClass().getSimpleName());
            return ModelResult.failed(name, "Challenger model " + name + " failed to score.");
        }
        long elapsed = System.nanoTime() - start;
        if (elapsed > budgetNanos) {
            metrics.shadowInference(name, "over_budget", elapsed);
            return ModelResult.failed(name, "Challenger model " + name + " exceeded its time budget of "
                    + Duration.ofNanos(budgetNanos).toMillis() + " ms.");
        }
        metrics.shadowInference(name, "success", elapsed);
        drift.recordChallenger(models, name, prediction.score(), features);
        return ModelResult.scored(name, prediction.score(), prediction.scoreScaled(), model.config().version());
    }
}
