package com.vpbank.creditscore.monitor;

import static com.vpbank.creditscore.model.ModelBundle.CHALLENGER;
import static com.vpbank.creditscore.model.ModelBundle.CHAMPION;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.vpbank.creditscore.model.ModelBundle;
import com.vpbank.creditscore.model.ModelGeneration;
import com.vpbank.creditscore.observe.ServiceMetrics;
import com.vpbank.creditscore.route.RouteProperties;
import com.vpbank.creditscore.scoring.ModelResult;
import com.vpbank.creditscore.scoring.PredictRequest;
import com.vpbank.creditscore.scoring.Prediction;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * Population drift of the champion's and the challenger's models: a {@link DriftWindow} of
 * the recent predictions of each serving bundle, its PSIs as gauges
 * ({@code creditscore_drift_psi}) and as the answer of {@code GET /models/drift}.
 */
public final class DriftMonitor {

    private final int windowSize;
    private final ServiceMetrics metrics;
    private final Map<String, DriftWindow> windows = new ConcurrentHashMap<>();

    public DriftMonitor(int windowSize, ServiceMetrics metrics) {
        if (windowSize < 1) {
            throw new IllegalArgumentException("DRIFT_WINDOW must be at least 1, not " + windowSize);
        }
        this.windowSize = windowSize;
        this.metrics = metrics;
    }

    /** Starts an empty window for a bundle's new generation, and its gauges. */
    public void install(String bundle, ModelGeneration generation) {
        DriftWindow window = new DriftWindow(generation.bundle(), generation.number(), windowSize);
        windows.put(bundle, window);
        metrics.driftServing(bundle, window.variables(), window::psi);
    }

    /**
     * Adds an answered prediction to the champion's window: the score of each model that
     * scored, with the feature row it scored. A prediction made by a generation that no
     * longer serves is left out.
     */
    public void recordChampion(@Body Prediction prediction,
                               @ExchangeProperty(RouteProperties.PREDICT_REQUEST) PredictRequest request) {
        DriftWindow window = windows.get(CHAMPION);
        if (window == null || !window.isFor(request.models())) {
            return;
        }
        for (ModelResult result : prediction.rawPredictions()) {
            if (result.succeeded() && request.has(result.model())) {
                window.record(result.model(), result.score(), request.features(result.model()));
            }
        }
    }

    /** Adds one challenger model's score of a request, made with the given bundle. */
    public void recordChallenger(ModelBundle models, String model, double score, float[] features) {
        DriftWindow window = windows.get(CHALLENGER);
        if (window != null && window.isFor(models)) {
            window.record(model, score, features);
        }
    }

    /** The answer of {@code GET /models/drift}: the window size and, per serving bundle, each model's PSIs. */
    public DriftReport report() {
        return new DriftReport(windowSize, bundleDrift(CHAMPION), bundleDrift(CHALLENGER));
    }

    private BundleDrift bundleDrift(String bundle) {
        DriftWindow window = windows.get(bundle);
        return window == null ? null : new BundleDrift(window.generation(), window.report());
    }

    /** The drift of each serving bundle over the last {@code windowSize} predictions of each model. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DriftReport(int windowSize, BundleDrift champion, BundleDrift challenger) {
    }

    /** One bundle's generation and its models' drift. */
    public record BundleDrift(long modelGeneration, List<DriftWindow.ModelDrift> models) {
    }
}
