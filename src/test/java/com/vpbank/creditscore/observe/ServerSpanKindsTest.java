package com.vpbank.creditscore.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;

/** The HTTP request's span entering the service is a server span; every other span keeps its kind. */
class ServerSpanKindsTest {

    private static final SpanContext CALLER = SpanContext.createFromRemoteParent(
            "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault());

    @Test
    void anHttpRequestEnteringTheServiceIsAServerSpan() {
        try (SdkTracerProvider provider = SdkTracerProvider.builder().build()) {
            Tracer tracer = new ServerSpanKinds(provider.get("camel"));

            Span fromCaller = tracer.spanBuilder("POST /api/v1/predict")
                    .setParent(Context.root().with(Span.wrap(CALLER))).startSpan();
            Span withoutCaller = tracer.spanBuilder("GET /health").setParent(Context.root()).startSpan();
            Span unknownPath = tracer.spanBuilder("GET").setParent(Context.root()).startSpan();
            Span nested = tracer.spanBuilder("POST /api/v1/predict")
                    .setParent(Context.root().with(fromCaller)).startSpan();
            Span step = tracer.spanBuilder("reason-codes-bean").setParent(Context.root().with(fromCaller)).startSpan();
            Span route = tracer.spanBuilder("predict").setParent(Context.root()).startSpan();

            assertEquals(SpanKind.SERVER, kind(fromCaller));
            assertEquals(CALLER.getTraceId(), fromCaller.getSpanContext().getTraceId(), "the caller's trace");
            assertEquals(SpanKind.SERVER, kind(withoutCaller));
            assertEquals(SpanKind.SERVER, kind(unknownPath));
            assertEquals(SpanKind.INTERNAL, kind(nested), "under a span of the service");
            assertEquals(SpanKind.INTERNAL, kind(step));
            assertEquals(SpanKind.INTERNAL, kind(route));
        }
    }

    private static SpanKind kind(Span span) {
        return ((ReadableSpan) span).getKind();
    }
}
