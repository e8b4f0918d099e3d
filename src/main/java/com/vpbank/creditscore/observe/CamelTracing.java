package com.vpbank.creditscore.observe;

import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.opentelemetry2.OpenTelemetryTracer;

/**
 * Camel's tracing (camel-opentelemetry2) with a span for each route, each endpoint and each step,
 * but none for the steps that only move values about ({@code setHeader}, {@code setProperty},
 * {@code choice}, ...): what they call is under the span of their route. Camel names a step's
 * span {@code <id>-<kind>}; the steps left out are matched by that name with one compiled
 * pattern, where Camel's own exclude patterns would resolve and normalise each name as an
 * endpoint URI on every step of every request.
 */
public final class CamelTracing extends OpenTelemetryTracer {

    static final Pattern ROUTINE_STEPS = Pattern.compile(".+-(setHeader|setProperty|setBody|removeHeaders"
            + "|removeHeader|choice|filter|marshal|convertBodyTo|onCompletion|stop|doTry|doCatch|doFinally|log)");

    public CamelTracing() {
        setTraceProcessors(true);
    }

    /** Whether the step or endpoint named gets no span: only the routine steps. */
    @Override
    public boolean exclude(String name, CamelContext context) {
        return name != null && ROUTINE_STEPS.matcher(name).matches();
    }
}
