package com.vpbank.creditscore.scoring;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The answer for an existing customer: the models' scores and their mean, and the factors
 * that lowered the mean most.
 */
@JsonPropertyOrder({"customer_id", "customer_type", "aggregated_score", "models", "num_models_used",
    "prediction_type", "credit_group", "reasons", "prediction_id", "timestamp"})
public record ExistingCustomerPrediction(
        String customerId,
        double aggregatedScore,
        List<ModelResult> models,
        int numModelsUsed,
        String creditGroup,
        String predictionId,
        String timestamp,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Reason> reasons) implements Prediction {

    public static final String TYPE = "multi_model_aggregate";

    @JsonProperty("customer_type")
    public String customerType() {
        return "existing";
    }

    @Override
    @JsonProperty("prediction_type")
    public String predictionType() {
        return TYPE;
    }

    @Override
    @JsonIgnore
    public double creditScore() {
        return aggregatedScore;
    }

    @Override
    @JsonIgnore
    public List<ModelResult> rawPredictions() {
        return models;
    }

    @Override
    public ExistingCustomerPrediction withReasons(List<Reason> reasons, List<ModelResult> models) {
        return new ExistingCustomerPrediction(customerId, aggregatedScore, List.copyOf(models), numModelsUsed,
                creditGroup, predictionId, timestamp, List.copyOf(reasons));
    }
}
