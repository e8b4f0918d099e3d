package com.vpbank.creditscore.inference;

import java.util.List;

/** The output tensors of every model on the inference endpoints. */
public final class InferenceOutputs {

    /** The credit score, 300 to 850: FP64 {@code [n, 1]}. */
    public static final String SCORE = "score";
    /** The model's output before the target scaler: FP64 {@code [n, 1]}. */
    public static final String SCORE_SCALED = "score_scaled";
    /** Each row's reasons as one JSON string (an array of reason objects): BYTES {@code [n, 1]}. */
    public static final String REASONS = "reasons";

    public static final List<String> NAMES = List.of(SCORE, SCORE_SCALED, REASONS);

    private InferenceOutputs() {
    }
}
