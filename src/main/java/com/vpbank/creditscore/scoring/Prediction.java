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
}
