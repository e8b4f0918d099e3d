package com.vpbank.creditscore.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** The JSON body of every error: {@code {"error": "...", "details": ...}}, with its HTTP status. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorResponse(@JsonIgnore int status, String error, Object details) {

    /** The details of a 503 after which the tables hold nothing of the request. */
    public static final Map<String, String> NOTHING_STORED = Map.of("stored", "no");
}
