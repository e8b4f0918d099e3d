package com.vpbank.creditscore.scoring;

import java.util.Map;

/**
 * A validated predict request: the customer id and, per feature group present, the
 * vector in the model's feature order.
 */
public record PredictRequest(String customerId, Map<String, float[]> features) {

    public PredictRequest {
        features = Map.copyOf(features);
    }

    public boolean has(String group) {
        return features.containsKey(group);
    }

    public float[] features(String group) {
        return features.get(group);
    }
}
