package com.vpbank.creditscore.scoring;

import com.vpbank.creditscore.model.Model;
import com.vpbank.creditscore.model.ModelPrediction;
import com.vpbank.creditscore.model.ModelRegistry;
import com.vpbank.creditscore.model.ModelsUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one model of the serving bundle on the feature group of the same name. */
public final class ModelScoring {

    private static final Logger LOG = LoggerFactory.getLogger(ModelScoring.class);

    private final ModelRegistry registry;

    public ModelScoring(ModelRegistry registry) {
        this.registry = registry;
    }

    /**
     * Scores one model for an existing customer. A model whose group the request does not
     * carry gives {@code null} (it takes no part); a model that fails gives a failed result
     * so that the others still count.
     */
    public ModelResult scoreOptional(PredictRequest request, String modelName) {
        if (!request.has(modelName)) {
            return null;
        }
        try {
            return score(request, modelName);
        } catch (RuntimeException e) {
            LOG.warn("Model {} failed: {}", modelName, e.getClass().getSimpleName());
            return ModelResult.failed(modelName, "Model " + modelName + " failed to score.");
        }
    }

    /** Scores the one model a new customer needs; its failure fails the request. */
    public ModelResult scoreRequired(PredictRequest request, String modelName) {
        try {
            return score(request, modelName);
        } catch (RuntimeException e) {
            LOG.warn("Model {} failed: {}", modelName, e.getClass().getSimpleName());
            throw new ModelsUnavailableException("Model " + modelName + " is unavailable.");
        }
    }

    private ModelResult score(PredictRequest request, String modelName) {
        Model model = registry.current().model(modelName);
        ModelPrediction prediction = model.predict(request.features(modelName));
        return ModelResult.scored(modelName, prediction.score(), prediction.scoreScaled(), model.config().version());
    }
}
