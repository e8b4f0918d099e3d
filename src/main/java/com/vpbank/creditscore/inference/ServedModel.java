package com.vpbank.creditscore.inference;

import com.vpbank.creditscore.model.Model;
import com.vpbank.creditscore.model.OnnxScorer;

/**
 * A model an inference request is served by: the model of the champion or the challenger
 * bundle, pinned for the request, and the bundle it is loaded in.
 */
public record ServedModel(Model model, String bundle) {

    public String name() {
        return model.name();
    }

    public String version() {
        return model.config().version();
    }

    /** The protocol's platform name: {@code onnx_onnxv1} for ONNX Runtime, else {@code xgboost_json}. */
    public String platform() {
        return model.scorer() instanceof OnnxScorer ? "onnx_onnxv1" : "xgboost_json";
    }
}
