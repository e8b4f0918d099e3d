package com.vpbank.creditscore.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * The request and response bodies of the API as the OpenAPI document describes them. The
 * REST DSL names these types ({@code type}, {@code outType}, {@code responseModel}); the
 * service reads and writes its JSON with its own classes, and a test holds the two together
 * by comparing this description with real answers.
 *
 * <p>Over 200 lines because it is the whole contract, one record per body, in one place.
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
            @Schema(description = "The factors that lowered the score most, most harmful first, at most 4;"
                    + " fewer when fewer features lowered it") List<Reason> reasons,
            String predictionId,
            @Schema(description = "ISO-8601 UTC with Z") String timestamp) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "ModelScore", requiredProperties = {"model"})
    public record ModelScore(String model, Double score, Double scoreScaled, String version,
                             @Schema(description = "Why the model gave no score") String error,
                             @Schema(description = "Why this model's factors are not among the reasons"
                                     + " (its bundle gives no baseline, or computing them failed)")
                             String reasonsUnavailable) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "Reason", description = "A factor that lowered the score (reason code)",
            requiredProperties = {"code", "feature", "model", "impact"})
    public record Reason(
            @Schema(description = "The bundle's reason code of the feature; the feature name when it gives none")
            String code,
            @Schema(description = "The feature, by its name in the model's feature_names") String feature,
            @Schema(description = "The model that weighed it") String model,
            @Schema(description = "Change in the answered score due to this feature, in score points (negative);"
                    + " for an existing customer, the model's impact divided by the number of models that scored")
            Double impact,
            @Schema(description = "The adverse-action sentence the bundle gives the code, when it gives one")
            String description) {
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
            @Schema(description = "The reasons answered with the prediction; null when it was made without them",
                    nullable = true) List<Reason> reasons,
            @Schema(description = "The input vectors used, by model (history records)") FeatureGroups features) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "Health", requiredProperties = {"status"})
    public record Health(
            @Schema(allowableValues = {"healthy", "unhealthy"}) String status,
            List<String> modelsCached,
            Long modelGeneration,
            List<LoadedModel> models,
            @Schema(description = "What is wrong, when unhealthy") List<String> problems,
            @Schema(description = "The challenger bundle, when one is configured") ChallengerHealth challenger) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "ChallengerHealth", description = "The challenger's models, or why it does not shadow;"
            + " it never makes the service unhealthy")
    public record ChallengerHealth(
            List<String> modelsCached,
            Long modelGeneration,
            List<LoadedModel> models,
            @Schema(description = "Why the challenger does not shadow") List<String> problems) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "LoadedModel")
    public record LoadedModel(String name, String version, String loadedAt) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "Reload", requiredProperties = {"status", "bundle", "model_generation", "models"})
    public record Reload(
            @Schema(allowableValues = {"loaded"}) String status,
            @Schema(allowableValues = {"champion", "challenger"}) String bundle,
            Long modelGeneration,
            String loadedAt,
            List<ModelVersion> models) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "ModelVersion")
    public record ModelVersion(String name, String version) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "Drift", requiredProperties = {"window_size"})
    public record Drift(
            @Schema(description = "Predictions of each model the PSIs are computed over (DRIFT_WINDOW)")
            Integer windowSize,
            BundleDrift champion,
            @Schema(description = "When a challenger is loaded") BundleDrift challenger) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "BundleDrift", requiredProperties = {"model_generation", "models"})
    public record BundleDrift(Long modelGeneration, List<ModelDrift> models) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "ModelDrift", requiredProperties = {"model", "version", "reference"})
    public record ModelDrift(
            String model,
            String version,
            @Schema(description = "Whether the bundle has a reference.json for the model; without one, no PSI")
            Boolean reference,
            @Schema(description = "Predictions in the window") Integer predictions,
            @Schema(description = "PSI of the model's score; null while the window is empty") Double scorePsi,
            @Schema(description = "PSI of each feature with a reference, by feature name")
            Map<String, Double> featurePsi) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "Comparison", requiredProperties = {"window_size", "shadowed", "challenger_failed", "dropped",
        "errors", "pairs_in_window"})
    public record Comparison(
            @Schema(description = "Shadowed predictions the figures are computed over, at most (DRIFT_WINDOW)")
            Integer windowSize,
            @Schema(description = "The challenger generation the counts and figures are of") Long challengerGeneration,
            @Schema(description = "Requests shadowed, a record stored, since the challenger generation was loaded")
            Long shadowed,
            @Schema(description = "Of these, requests the challenger could not score") Long challengerFailed,
            @Schema(description = "Requests not shadowed because the shadow pool was full") Long dropped,
            @Schema(description = "Shadow requests that failed, e.g. the shadow table did not answer") Long errors,
            @Schema(description = "Compared predictions in the window") Integer pairsInWindow,
            @Schema(description = "Mean absolute difference of the two scores") Double meanAbsScoreDifference,
            @Schema(description = "95th percentile of the absolute score difference (linear between ranks)")
            Double p95AbsScoreDifference,
            @Schema(description = "Share of predictions with the same credit group") Double creditGroupAgreement,
            @Schema(description = "PSI of the challenger's scores in the deciles of the champion's") Double scorePsi) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "PortfolioRunRequest", requiredProperties = {"input"})
    public record PortfolioRunBody(
            @Schema(description = "Key of a JSON Lines object in ML_DATA_BUCKET, one predict request body a line;"
                    + " gzip when it ends in .gz") String input,
            @Schema(description = "Lines scored together, 1-5000, default PORTFOLIO_BATCH_ROWS") Integer batchRows) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "PortfolioRun", requiredProperties = {"run_id", "status", "input", "rows_read", "rows_scored",
        "rows_rejected", "output_prefix", "model_versions", "shards", "shards_done", "started_at"})
    public record PortfolioRun(
            String runId,
            @Schema(description = "running, succeeded or failed", allowableValues = {"running", "succeeded", "failed"})
            String status,
            @Schema(description = "The input's key") String input,
            @Schema(description = "Lines read so far") Long rowsRead,
            @Schema(description = "Lines scored so far") Long rowsScored,
            @Schema(description = "Lines rejected so far, as the API would answer them 400") Long rowsRejected,
            @Schema(description = "Where the parts and manifest.json are written, in the same bucket") String outputPrefix,
            @Schema(description = "The version of each model the run scores with") Map<String, String> modelVersions,
            @Schema(description = "Shards of the run") Integer shards,
            @Schema(description = "Shards done") Integer shardsDone,
            String startedAt,
            @Schema(description = "When the run succeeded or failed") String finishedAt,
            @Schema(description = "Why a failed run failed") String error) {
    }

    @Schema(name = "Error", requiredProperties = {"error"})
    public record Error(
            @Schema(description = "One sentence for the client") String error,
            @Schema(description = "Optional details, such as the field at fault") Object details,
            @Schema(description = "The request's trace, with tracing on: the trace id (32 hex digits) to look"
                    + " the request up by in the tracing backend") String traceId) {
    }
}
