package com.vpbank.creditscore.scoring;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.vpbank.creditscore.observe.AnsweredPrediction;
import java.util.List;

/** A prediction as answered and stored: one of the two shapes of the API contract. */
public sealed interface Prediction extends AnsweredPrediction permits ExistingCustomerPrediction, NewCustomerPrediction {

    @Override
    String customerId();

    String predictionId();

    String timestamp();

    String predictionType();

    /** {@code existing} or {@code new}. */
    @Override
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

    /** Each model entry as the request log names it: model, version, scored or failed. */
    @Override
    @JsonIgnore
    default List<ModelOutcome> modelOutcomes() {
        return rawPredictions().stream()
                .map(result -> new ModelOutcome(result.model(), result.version(), result.succeeded()))
                .toList();
    }

    /** The same prediction with its reason codes, and its model entries as they stand after computing them. */
    Prediction withReasons(List<Reason> reasons, List<ModelResult> models);
}
