package com.vpbank.creditscore.scoring;

import com.vpbank.creditscore.model.Model;
import com.vpbank.creditscore.model.ModelPrediction;
import com.vpbank.creditscore.model.ModelsUnavailableException;
import com.vpbank.creditscore.observe.ModelCallSpans;
import com.vpbank.creditscore.observe.ServiceMetrics;
import com.vpbank.creditscore.route.ModelArgument;
import com.vpbank.creditscore.route.RouteProperties;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one model of the request's bundle on the feature group of the same name. A model that
 * throws, or answers after its time budget, has failed: its score is not used.
 *
 * <p>Routes call it as {@code scoreOptional(*, 'traditional')}: the model's name is the
 * route's, and the request is the exchange property, bound by annotation, so no expression
 * is evaluated per call.
 */
public final class ModelScoring {

    private static final Logger LOG = LoggerFactory.getLogger(ModelScoring.class);

    private final long budgetNanos;
    private final LongSupplier nanoClock;
    private final ServiceMetrics metrics;
    private final ModelCallSpans modelCalls;

    public ModelScoring(Duration budget) {
        this(budget, ServiceMetrics.none());
    }

    public ModelScoring(Duration budget, ServiceMetrics metrics) {
        this(budget, metrics, ModelCallSpans.none());
    }

    /** @param modelCalls the span of each model call */
    public ModelScoring(Duration budget, ServiceMetrics metrics, ModelCallSpans modelCalls) {
        this(budget, System::nanoTime, metrics, modelCalls);
    }

    ModelScoring(Duration budget, LongSupplier nanoClock) {
        this(budget, nanoClock, ServiceMetrics.none(), ModelCallSpans.none());
    }

    ModelScoring(Duration budget, LongSupplier nanoClock, ServiceMetrics metrics, ModelCallSpans modelCalls) {
        this.budgetNanos = budget.toNanos();
        this.nanoClock = nanoClock;
        this.metrics = metrics;
        this.modelCalls = modelCalls;
    }

    /**
     * Scores one model for an existing customer. A model whose group the request does not
     * carry gives {@code null} (it takes no part); a model that fails gives a failed result
     * so that the others still count.
     */
    public ModelResult scoreOptional(@ExchangeProperty(RouteProperties.PREDICT_REQUEST) PredictRequest request,
                                     @ModelArgument String modelName) {
        return optional(request, modelName, this::score);
    }

    /**
     * As {@link #scoreOptional}, and each feature's impact on the score from the same model
     * call, for the reason codes step: one ONNX Runtime call where {@code scoreOptional}
     * and the reasons step would make two. For a route that gives reasons.
     */
    public ModelResult scoreWithImpactsOptional(@ExchangeProperty(RouteProperties.PREDICT_REQUEST) PredictRequest request,
                                                @ModelArgument String modelName) {
        return optional(request, modelName, this::scoreWithImpacts);
    }

    /** A model the request has no group for takes no part; a model that fails gives a failed result. */
    private static ModelResult optional(PredictRequest request, String modelName,
                                        BiFunction<PredictRequest, String, ModelResult> scoring) {
        if (!request.has(modelName)) {
            return null;
        }
        try {
            return scoring.apply(request, modelName);
        } catch (RuntimeException e) {
            LOG.warn("Model {} failed: {}", modelName, e.getClass().getSimpleName());
            return ModelResult.failed(modelName, e instanceof ModelOverBudgetException
                    ? e.getMessage() : "Model " + modelName + " failed to score.");
        }
    }

    /** Scores the one model a new customer needs; its failure fails the request with 503. */
    public ModelResult scoreRequired(@ExchangeProperty(RouteProperties.PREDICT_REQUEST) PredictRequest request,
                                     @ModelArgument String modelName) {
        try {
            return score(request, modelName);
        } catch (RuntimeException e) {
            LOG.warn("Model {} failed: {}", modelName, e.getClass().getSimpleName());
            throw new ModelsUnavailableException("Model " + modelName + " is unavailable.");
        }
    }

    private ModelResult score(PredictRequest request, String modelName) {
        Model model = request.models().model(modelName);
        ModelPrediction prediction = timed(modelName, model, () -> model.predict(request.features(modelName)));
        return ModelResult.scored(modelName, prediction.score(), prediction.scoreScaled(), model.config().version());
    }

    /**
     * The score and impacts of one call. Its time counts as the model's score call (and its
     * budget is the score's); the reason codes step then records no call of its own.
     */
    private ModelResult scoreWithImpacts(PredictRequest request, String modelName) {
        Model model = request.models().model(modelName);
        Model.ExplainedPrediction explained = timed(modelName, model,
                () -> model.predictExplained(request.features(modelName)));
        ModelPrediction prediction = explained.prediction();
        return ModelResult.scoredWithImpacts(modelName, prediction.score(), prediction.scoreScaled(),
                model.config().version(), explained.impacts());
    }

    /** One model call, in its span, timed on the score meter and held to the model budget. */
    private <T> T timed(String modelName, Model model, Supplier<T> call) {
        long start = nanoClock.getAsLong();
        T result;
        try {
            result = modelCalls.around(modelName, model.config().version(), call);
        } catch (RuntimeException e) {
            metrics.modelInference(modelName, ServiceMetrics.SCORE_CALL, "error", nanoClock.getAsLong() - start);
            throw e;
        }
        long elapsed = nanoClock.getAsLong() - start;
        metrics.modelInference(modelName, ServiceMetrics.SCORE_CALL, elapsed > budgetNanos ? "over_budget" : "success", elapsed);
        if (elapsed > budgetNanos) {
            throw new ModelOverBudgetException("Model " + modelName + " exceeded its time budget of "
                    + Duration.ofNanos(budgetNanos).toMillis() + " ms.");
        }
        return result;
    }

    private static final class ModelOverBudgetException extends RuntimeException {
        ModelOverBudgetException(String message) {
            super(message);
        }
    }
}
