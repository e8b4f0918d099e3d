package com.vpbank.creditscore.scoring;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** The answer for a new customer: the single XGBoost score, and the factors that lowered it most. */
@JsonPropertyOrder({"customer_id", "customer_type", "score", "score_scaled", "model", "version",
    "prediction_type", "credit_group", "reasons", "prediction_id", "timestamp"})
public record NewCustomerPrediction(
        String customerId,
        double score,
        double scoreScaled,
        String model,
        String version,
        String creditGroup,
        String predictionId,
        String timestamp,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Reason> reasons) implements Prediction {

    public static final String TYPE = "new_customer_xgboost";

    @JsonProperty("customer_type")
    public String customerType() {
        return "new";
    }

    @Override
    @JsonProperty("prediction_type")
    public String predictionType() {
        return TYPE;
    }

    @Override
    @JsonIgnore
    public double creditScore() {
        return score;
    }

    @Override
    @JsonIgnore
    public List<ModelResult> rawPredictions() {
        return List.of(ModelResult.scored(model, score, scoreScaled, version));
    }

    /** The one model's entry is this prediction's own fields: {@code models} has nothing to add. */
    @Override
    public NewCustomerPrediction withReasons(List<Reason> reasons, List<ModelResult> models) {
        return new NewCustomerPrediction(customerId, score, scoreScaled, model, version, creditGroup, predictionId,
                timestamp, List.copyOf(reasons));
    }
}
