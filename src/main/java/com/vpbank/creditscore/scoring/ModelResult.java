package com.vpbank.creditscore.scoring;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What one model gave for one request: a score with its scaled value and the model
 * version, or the error that kept it from scoring.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelResult(String model, Double score, Double scoreScaled, String version, String error) {

    public static ModelResult scored(String model, double score, double scoreScaled, String version) {
        return new ModelResult(model, score, scoreScaled, version, null);
    }

    public static ModelResult failed(String model, String error) {
        return new ModelResult(model, null, null, null, error);
    }

    @JsonIgnore
    public boolean succeeded() {
        return error == null;
    }
}
