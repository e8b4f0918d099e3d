package com.vpbank.creditscore.scoring;

import com.vpbank.creditscore.model.ModelBundle;
import com.vpbank.creditscore.observe.CustomerRequest;
import java.util.Map;

/**
 * A validated predict request: the customer id, per feature group present the vector in
 * the model's feature order, and the model bundle the request was validated against and
 * is scored with.
 */
public record PredictRequest(String customerId, Map<String, float[]> features, ModelBundle models)
        implements CustomerRequest {

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
