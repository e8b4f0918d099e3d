package com.vpbank.creditscore;

import com.vpbank.creditscore.observe.CamelTracing;
import com.vpbank.creditscore.observe.ModelCallSpans;
import com.vpbank.creditscore.observe.RedactedSpanEvents;
import com.vpbank.creditscore.observe.ShadowTraces;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.instrumentation.awssdk.v2_2.AwsSdkTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Traces, when {@link TracingSettings#on()}: the OpenTelemetry SDK set up from the
 * {@code OTEL_*} variables, Camel's tracing (camel-opentelemetry2: a span for each route and
 * each step, the HTTP request's continuing the caller's {@code traceparent}), a span for each
 * AWS SDK call and for each model call, the shadow as a trace of its own linked to the request.
 * Binds {@code shadowTraces}. Off, none of it is made: no SDK, no Camel tracing, no interceptor.
 */
final class TracingWiring {

    /** The service's name in traces unless OTEL_SERVICE_NAME or OTEL_RESOURCE_ATTRIBUTES names one. */
    static final String SERVICE_NAME = "credit-score";

    private static final Logger LOG = LoggerFactory.getLogger(TracingWiring.class);
    private static final AttributeKey<String> SERVICE_NAME_KEY = AttributeKey.stringKey("service.name");
    private static final String SCOPE = "com.vpbank.creditscore";

    /**
     * What the other wirings use.
     *
     * @param modelCalls the span of each model call
     * @param awsCalls the execution interceptors that give each AWS SDK call (DynamoDB, S3) its span
     */
    record Beans(ModelCallSpans modelCalls, List<ExecutionInterceptor> awsCalls) {

        static final Beans OFF = new Beans(ModelCallSpans.none(), List.of());
    }

    private TracingWiring() {
    }

    /** The resource with the service's name, unless the OTEL_* variables gave it one. */
    static Resource named(Resource resource) {
        String name = resource.getAttribute(SERVICE_NAME_KEY);
        return name == null || name.startsWith("unknown_service")
                ? resource.merge(Resource.create(Attributes.of(SERVICE_NAME_KEY, SERVICE_NAME))) : resource;
    }

    static Beans bind(CamelContext context, TracingSettings settings) {
        Registry registry = context.getRegistry();
        if (!settings.on()) {
            registry.bind("shadowTraces", ShadowTraces.none());
            return Beans.OFF;
        }
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(settings::sdkProperties)
                .addResourceCustomizer((resource, config) -> named(resource))
                .addSpanExporterCustomizer((exporter, config) -> new RedactedSpanEvents(exporter))
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
        // camel-opentelemetry2 takes the tracer and the propagators it finds in the registry.
        registry.bind("camelTracer", Tracer.class, sdk.getTracer("camel"));
        registry.bind("tracePropagators", ContextPropagators.class, sdk.getPropagators());
        Tracer tracer = sdk.getTracer(SCOPE);
        registry.bind("shadowTraces", ShadowTraces.of(tracer, sdk.getPropagators().getTextMapPropagator()));

        new CamelTracing().init(context);
        try {
            // Stopped after the routes: the spans still buffered are sent before the process ends.
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() {
                    sdk.shutdown().join(10, TimeUnit.SECONDS);
                }
            }, true, true);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        LOG.info("Traces on: OTLP to {}", settings.tracesEndpoint().isEmpty()
                ? settings.endpoint() : settings.tracesEndpoint());
        AwsSdkTelemetry aws = AwsSdkTelemetry.builder(sdk).build();
        return new Beans(ModelCallSpans.of(tracer), List.of(aws.createExecutionInterceptor()));
    }
}
