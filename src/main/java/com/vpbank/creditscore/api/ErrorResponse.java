package com.vpbank.creditscore.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The JSON body of every error: {@code {"error": "...", "details": ..., "trace_id": "..."}}, with its
 * HTTP status; {@code trace_id}, the request's trace, only with tracing on.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorResponse(@JsonIgnore int status, String error, Object details, String traceId) {

    /** The details of a 503 after which the tables hold nothing of the request. */
    public static final Map<String, String> NOTHING_STORED = Map.of("stored", "no");

    public ErrorResponse(int status, String error, Object details) {
        this(status, error, details, null);
    }

    /** The same answer, naming the trace {@code traceId} ({@code null}: none). */
    public ErrorResponse withTraceId(String traceId) {
        return new ErrorResponse(status, error, details, traceId);
    }
}
