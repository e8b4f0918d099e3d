package com.vpbank.creditscore.observe;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.function.Supplier;

/**
 * One span for each model call, named after the model, with the model's name and version:
 * a child of the step that called the model. With tracing off, the call alone.
 */
public final class ModelCallSpans {

    public static final AttributeKey<String> MODEL_NAME = AttributeKey.stringKey("creditscore.model.name");
    public static final AttributeKey<String> MODEL_VERSION = AttributeKey.stringKey("creditscore.model.version");
    public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    private static final ModelCallSpans NONE = new ModelCallSpans(null);

    private final Tracer tracer;

    private ModelCallSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Model calls with no span (tracing off). */
    public static ModelCallSpans none() {
        return NONE;
    }

    /** A span for each model call, from {@code tracer}. */
    public static ModelCallSpans of(Tracer tracer) {
        return new ModelCallSpans(tracer);
    }

    /** Calls the model inside a span named {@code model <name>}; a call that throws marks the span failed. */
    public <T> T around(String model, String version, Supplier<T> call) {
        if (tracer == null) {
            return call.get();
        }
        Span span = tracer.spanBuilder("model " + model)
                .setAttribute(MODEL_NAME, model)
                .setAttribute(MODEL_VERSION, version)
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return call.get();
        } catch (RuntimeException | Error e) {
            span.setAttribute(ERROR_TYPE, e.getClass().getName());
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }
}
