package com.vpbank.creditscore.model;

/** A loaded model with its config and target scaler. */
public record Model(ModelConfig config, TargetScaler scaler, Scorer scorer) implements AutoCloseable {

    public ModelPrediction predict(float[] features) {
        if (features.length != config.inputSize()) {
            throw new IllegalArgumentException("Model " + config.name() + " expects " + config.inputSize()
                    + " features, received " + features.length);
        }
        double scaled = scorer.scoreScaled(features);
        return new ModelPrediction(scaled, scaler.toCreditScore(scaled));
    }

    public String name() {
        return config.name();
    }

    @Override
    public void close() {
        scorer.close();
    }
}
