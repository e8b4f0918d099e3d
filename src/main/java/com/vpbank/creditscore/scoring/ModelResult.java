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
                          String reasonsUnavailable) {

    public static ModelResult scored(String model, double score, double scoreScaled, String version) {
        return new ModelResult(model, score, scoreScaled, version, null, null);
    }

    public static ModelResult failed(String model, String error) {
        return new ModelResult(model, null, null, null, error, null);
    }

    /** The same result, saying why its reason codes are not given. */
    public ModelResult withReasonsUnavailable(String why) {
        return new ModelResult(model, score, scoreScaled, version, error, why);
    }

    @JsonIgnore
    public boolean succeeded() {
        return error == null;
    }
}
