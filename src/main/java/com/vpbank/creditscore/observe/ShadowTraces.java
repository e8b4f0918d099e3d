package com.vpbank.creditscore.observe;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Prepares the copy of a request that the shadow scores (the predict route's wire tap): with
 * tracing on, the shadow is a trace of its own, under a span {@code shadow scoring} linked to
 * the request's span, so that the request's trace ends with its answer. With tracing off it
 * does nothing.
 */
public final class ShadowTraces implements Processor {

    /** Where Camel's tracing (camel-telemetry) keeps the spans an exchange is in. */
    static final String CAMEL_ACTIVE_SPAN = "tracing.activeSpan";

    private static final ShadowTraces NONE = new ShadowTraces(null, null);

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    private ShadowTraces(Tracer tracer, TextMapPropagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    public static ShadowTraces none() {
        return NONE;
    }

    public static ShadowTraces of(Tracer tracer, TextMapPropagator propagator) {
        return new ShadowTraces(tracer, propagator);
    }

    @Override
    public void process(Exchange copy) {
        if (tracer == null) {
            return;
        }
        SpanContext request = Span.current().getSpanContext();
        Span shadow = tracer.spanBuilder("shadow scoring").setNoParent().addLink(request).startSpan();
        // The copy leaves the request's spans: Camel's spans of the shadow route start from the
        // shadow's span, which the copy carries as its traceparent.
        copy.removeProperty(CAMEL_ACTIVE_SPAN);
        copy.getIn().removeHeaders("traceparent|tracestate|baggage");
        propagator.inject(Context.root().with(shadow), copy.getIn(), (message, key, value) -> message.setHeader(key, value));
        copy.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                if (done.isFailed()) {
                    shadow.setStatus(StatusCode.ERROR);
                }
                shadow.end();
            }
        });
    }
}
