package com.vpbank.creditscore.observe;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The id of the trace a request is part of, for its log line and its error answer, so that a
 * client's complaint finds its trace. None with tracing off, and none for a request that is not
 * sampled: its trace is never exported, so its id would find nothing.
 */
public final class TraceIds {

    private TraceIds() {
    }

    /** The trace id of the span current on this thread (32 hex digits), or {@code null} when none is sampled. */
    public static String current() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() && span.isSampled() ? span.getTraceId() : null;
    }
}
