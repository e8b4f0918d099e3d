package com.vpbank.creditscore.scoring;

import java.util.List;

/** A prediction as answered and stored: one of the two shapes of the API contract. */
public sealed interface Prediction permits ExistingCustomerPrediction, NewCustomerPrediction {

    String customerId();

    String predictionId();

    String timestamp();

    String predictionType();

    /** {@code existing} or {@code new}. */
    String customerType();

    /** The aggregated or single score that the customer item stores as {@code credit_score}. */
    double creditScore();

    /** Every model entry, failed ones included, as stored in {@code raw_predictions}. */
    List<ModelResult> rawPredictions();

    /**
     * The factors that lowered the score most, most harmful first; {@code null} when the
     * predict route computes no reason codes.
     */
    List<Reason> reasons();

    /** The same prediction with its reason codes, and its model entries as they stand after computing them. */
    Prediction withReasons(List<Reason> reasons, List<ModelResult> models);
}
