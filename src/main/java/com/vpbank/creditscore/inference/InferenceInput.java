package com.vpbank.creditscore.inference;

import java.util.List;

/**
 * A validated inference request: its id (echoed in the answer, or {@code null}), the rows of
 * its one input tensor, and the outputs to answer, in the order answered.
 */
public record InferenceInput(String id, float[][] rows, List<String> outputs) {
}
