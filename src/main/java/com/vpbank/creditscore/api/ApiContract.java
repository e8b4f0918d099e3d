package com.vpbank.creditscore.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The request and response bodies of the API as the OpenAPI document describes them. The
 * REST DSL names these types ({@code type}, {@code outType}, {@code responseModel}); the
 * service reads and writes its JSON with its own classes, and a test holds the two together
 * by comparing this description with real answers.
 */
public final class ApiContract {

    private ApiContract() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "PredictRequest", requiredProperties = {"customer_id", "features"})
    public record PredictBody(
            @Schema(description = "1-64 letters, digits, '_' or '-'", pattern = "^[A-Za-z0-9_-]{1,64}$")
            String customerId,
            @Schema(description = "Feature groups by model; a group is an array in the model's feature order,"
                    + " or an object keyed by its feature names")
            FeatureGroups features) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "FeatureGroups", description = "Existing customers need traditional and/or social; new ones xgboost")
    public record FeatureGroups(
            @Schema(description = "8 finite numbers") List<Double> traditional,
            @Schema(description = "5 finite numbers") List<Double> social,
            @Schema(description = "10 finite numbers") List<Double> xgboost) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "Prediction", description = "An existing customer's aggregate (aggregated_score, models,"
            + " num_models_used) or a new customer's single score (score, score_scaled, model, version)",
            requiredProperties = {"customer_id", "customer_type", "prediction_type", "credit_group",
                "prediction_id", "timestamp"})
    public record Prediction(
            String customerId,
            @Schema(allowableValues = {"existing", "new"}) String customerType,
            @Schema(description = "Mean of the models that scored (existing customers)") Double aggregatedScore,
            @Schema(description = "Every model run, failed ones with an error (existing customers)")
            List<ModelScore> models,
            @Schema(description = "Models that scored (existing customers)") Integer numModelsUsed,
            @Schema(description = "Score on 300..850 (new customers)") Double score,
            @Schema(description = "Model output before scaling (new customers)") Double scoreScaled,
            @Schema(description = "Model name (new customers)") String model,
            @Schema(description = "Model version (new customers)") String version,
            @Schema(allowableValues = {"multi_model_aggregate", "new_customer_xgboost"}) String predictionType,
            @Schema(allowableValues = {"Poor", "Fair", "Good", "Very Good", "Exceptional"}) String creditGroup,
            String predictionId,
            @Schema(description = "ISO-8601 UTC with Z") String timestamp) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "ModelScore", requiredProperties = {"model"})
    public record ModelScore(String model, Double score, Double scoreScaled, String version,
                             @Schema(description = "Why the model gave no score") String error) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "SearchRequest", requiredProperties = {"customer_id"})
    public record SearchBody(
            String customerId,
            @Schema(description = "History records per page, 1-100, default 10") Integer limit,
            @Schema(description = "The next value of the previous page for the same customer") String cursor) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "SearchResult", requiredProperties = {"customer_id", "found"})
    public record SearchResult(
            String customerId,
            boolean found,
            @Schema(description = "When not found") String message,
            StoredPrediction latestPrediction,
            @Schema(description = "Newest first") List<StoredPrediction> history,
            @Schema(description = "Cursor of the next history page, when more remain") String next) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "StoredPrediction", description = "A prediction as stored; history records also hold the inputs")
    public record StoredPrediction(
            String customerId,
            String customerType,
            String predictionId,
            String timestamp,
            Double creditScore,
            String creditGroup,
            String predictionType,
            List<String> modelsUsed,
            List<ModelScore> rawPredictions,
            @Schema(description = "The input vectors used, by model (history records)") FeatureGroups features) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "Health", requiredProperties = {"status"})
    public record Health(
            @Schema(allowableValues = {"healthy", "unhealthy"}) String status,
            List<String> modelsCached,
            Long modelGeneration,
            List<LoadedModel> models,
            @Schema(description = "What is wrong, when unhealthy") List<String> problems) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "LoadedModel")
    public record LoadedModel(String name, String version, String loadedAt) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "Reload", requiredProperties = {"status", "model_generation", "models"})
    public record Reload(
            @Schema(allowableValues = {"loaded"}) String status,
            Long modelGeneration,
            String loadedAt,
            List<ModelVersion> models) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "ModelVersion")
    public record ModelVersion(String name, String version) {
    }

    @Schema(name = "Error", requiredProperties = {"error"})
    public record Error(
            @Schema(description = "One sentence for the client") String error,
            @Schema(description = "Optional details, such as the field at fault") Object details) {
    }
}
