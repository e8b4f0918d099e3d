package com.vpbank.creditscore.scoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One factor that lowered a score: the feature's reason code and, when the bundle gives
 * one, the sentence an adverse-action notice uses; the model that weighed it; and its
 * impact on the answered score, in credit-score points (negative).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"code", "feature", "model", "impact", "description"})
public record Reason(String code, String feature, String model, double impact, String description) {
}
