package com.vpbank.creditscore.observe;

import java.util.List;

/**
 * An answered prediction as the request log and the prediction meter see it: the customer
 * (by the keyed hash of its id, {@link CustomerIdHashes}), the customer type, and each model
 * the prediction asked, with its version and whether it scored. Nothing of the features or
 * the score.
 */
public interface AnsweredPrediction extends CustomerRequest {

    /** {@code existing} or {@code new}. */
    String customerType();

    /** Each model the prediction asked, failed ones included. */
    List<ModelOutcome> modelOutcomes();

    /** One model of a prediction: its name, its version (null when it failed) and whether it scored. */
    record ModelOutcome(String name, String version, boolean scored) {
    }
}
