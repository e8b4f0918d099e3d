package com.vpbank.creditscore.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;

/** The trace id a log line and an error answer name: only a sampled trace's, whose spans are sent. */
class TraceIdsTest {

    @Test
    void aSampledRequestNamesItsTraceAndNoOtherDoes() {
        assertNull(TraceIds.current(), "no span: tracing off");
        try (SdkTracerProvider sampled = SdkTracerProvider.builder().setSampler(Sampler.alwaysOn()).build();
             SdkTracerProvider unsampled = SdkTracerProvider.builder().setSampler(Sampler.alwaysOff()).build()) {
            Span traced = sampled.get("test").spanBuilder("POST /api/v1/predict").startSpan();
            try (Scope ignored = traced.makeCurrent()) {
                assertEquals(traced.getSpanContext().getTraceId(), TraceIds.current());
            }
            Tracer notSampled = unsampled.get("test");
            Span untraced = notSampled.spanBuilder("POST /api/v1/predict").startSpan();
            try (Scope ignored = untraced.makeCurrent()) {
                assertNull(TraceIds.current(), "a trace that is never sent is not named");
            }
            assertNull(TraceIds.current());
        }
    }
}
