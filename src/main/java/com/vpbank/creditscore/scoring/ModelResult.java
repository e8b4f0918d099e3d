package com.vpbank.creditscore.scoring;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What one model gave for one request: a score with its scaled value and the model
 * version, or the error that kept it from scoring; and, when a scored model's reason
 * codes could not be given, why not.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelResult(String model, Double score, Double scoreScaled, String version, String error,
                          String reasonsUnavailable, @JsonIgnore double[] impacts) {

    public static ModelResult scored(String model, double score, double scoreScaled, String version) {
        return new ModelResult(model, score, scoreScaled, version, null, null, null);
    }

    /**
     * A score with each feature's impact on it, in credit-score points, computed in the same
     * model call ({@code null}: the model cannot say); the reason codes step reads them
     * rather than run the model again.
     */
    public static ModelResult scoredWithImpacts(String model, double score, double scoreScaled, String version,
                                                double[] impacts) {
        return new ModelResult(model, score, scoreScaled, version, null, null, impacts);
    }

    public static ModelResult failed(String model, String error) {
        return new ModelResult(model, null, null, null, error, null, null);
    }

    /** The same result, saying why its reason codes are not given. */
    public ModelResult withReasonsUnavailable(String why) {
        return new ModelResult(model, score, scoreScaled, version, error, why, null);
    }

    /** True when the scoring call gave this result's impacts already. */
    @JsonIgnore
    public boolean hasImpacts() {
        return impacts != null;
    }

    @JsonIgnore
    public boolean succeeded() {
        return error == null;
    }
}
