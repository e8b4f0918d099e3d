package com.vpbank.creditscore.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/** The JSON body of every error: {@code {"error": "...", "details": ...}}, with its HTTP status. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorResponse(@JsonIgnore int status, String error, Object details) {
}
