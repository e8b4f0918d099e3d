package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vpbank.creditscore.observe.ModelCallSpans;
import com.vpbank.creditscore.observe.ShadowTraces;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.resources.Resource;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.opentelemetry2.OpenTelemetryTracer;
import org.junit.jupiter.api.Test;

/** The on/off switch of traces: an OTLP endpoint turns them on; without one nothing of tracing is made. */
class TracingWiringTest {

    private static final TracingSettings NO_ENDPOINT =
            new TracingSettings("", "", "otlp", false, "parentbased_always_on", "");

    @Test
    void tracesAreOnOnlyWithAnOtlpEndpoint() {
        assertFalse(NO_ENDPOINT.on());
        assertTrue(new TracingSettings("http://collector:4318", "", "otlp", false, "", "").on());
        assertTrue(new TracingSettings("", "http://collector:4318/v1/traces", "otlp", false, "", "").on());
        assertFalse(new TracingSettings("http://collector:4318", "", "none", false, "", "").on(),
                "OTEL_TRACES_EXPORTER=none");
        assertFalse(new TracingSettings("http://collector:4318", "", "otlp", true, "", "").on(), "OTEL_SDK_DISABLED");
    }

    @Test
    void withoutAnEndpointNoTracerNoInterceptorAndNoSpan() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            TracingWiring.Beans beans = TracingWiring.bind(context, NO_ENDPOINT);

            assertNull(context.hasService(OpenTelemetryTracer.class), "no Camel tracing");
            assertTrue(context.getRoutePolicyFactories().isEmpty(), "no route policy");
            assertTrue(beans.awsCalls().isEmpty(), "no AWS SDK interceptor");
            assertSame(ModelCallSpans.none(), beans.modelCalls());
            assertSame(ShadowTraces.none(), context.getRegistry().lookupByName("shadowTraces"));
            assertEquals("scored", beans.modelCalls().around("traditional", "1", () -> "scored"));
        }
    }

    @Test
    void withAnEndpointCamelTracesRoutesAndStepsAndTheClientsGetAnInterceptor() throws Exception {
        TracingSettings settings = new TracingSettings("http://127.0.0.1:9", "", "otlp", false,
                "parentbased_traceidratio", "0.25");
        assertEquals("http/protobuf", settings.sdkProperties().get("otel.exporter.otlp.protocol"));
        assertEquals("none", settings.sdkProperties().get("otel.metrics.exporter"));
        assertEquals("0.25", settings.sdkProperties().get("otel.traces.sampler.arg"));
        try (CamelContext context = new DefaultCamelContext()) {
            TracingWiring.Beans beans = TracingWiring.bind(context, settings);

            OpenTelemetryTracer tracing = context.hasService(OpenTelemetryTracer.class);
            assertNotNull(tracing, "Camel tracing is installed");
            assertTrue(tracing.isTraceProcessors(), "each step is a span");
            assertTrue(tracing.exclude("setHeader11-setHeader", context), "routine steps are none");
            assertTrue(tracing.exclude("choice4-choice", context));
            assertFalse(tracing.exclude("reason-codes-bean", context), "bean steps are");
            assertFalse(tracing.exclude("customer-lookup-to", context));
            assertFalse(tracing.exclude("direct://predict", context), "routes are");
            assertEquals(1, beans.awsCalls().size(), "the AWS SDK clients get the interceptor");
            assertFalse(beans.modelCalls() == ModelCallSpans.none());
        }
    }

    @Test
    void theServiceIsNamedUnlessTheVariablesNameIt() {
        AttributeKey<String> name = AttributeKey.stringKey("service.name");
        assertEquals("credit-score", TracingWiring.named(Resource.create(
                Attributes.of(name, "unknown_service:java"))).getAttribute(name));
        assertEquals("scoring-eu", TracingWiring.named(Resource.create(
                Attributes.of(name, "scoring-eu"))).getAttribute(name));
    }
}
