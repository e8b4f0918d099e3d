package com.vpbank.creditscore;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The settings of traces (OpenTelemetry, OTLP over HTTP). Tracing is on only when an OTLP
 * endpoint is set; every other {@code OTEL_*} variable of the OpenTelemetry SDK is read by the
 * SDK itself.
 *
 * @param endpoint the collector's OTLP endpoint ({@code OTEL_EXPORTER_OTLP_ENDPOINT}), e.g.
 *     {@code http://otel-collector:4318}; empty: no traces
 * @param tracesEndpoint the endpoint of traces alone ({@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}),
 *     e.g. {@code http://otel-collector:4318/v1/traces}; empty: the one above
 * @param tracesExporter {@code none} turns traces off ({@code OTEL_TRACES_EXPORTER})
 * @param sdkDisabled {@code true} turns traces off ({@code OTEL_SDK_DISABLED})
 * @param sampler which requests are traced ({@code OTEL_TRACES_SAMPLER}); by default
 *     {@code parentbased_traceidratio}: the caller's decision when its {@code traceparent} carries
 *     one, else a share of the requests
 * @param samplerArgument the sampler's argument, the share of {@code parentbased_traceidratio}
 *     ({@code OTEL_TRACES_SAMPLER_ARG}, by default {@code 0.1})
 */
record TracingSettings(String endpoint, String tracesEndpoint, String tracesExporter, boolean sdkDisabled,
        String sampler, String samplerArgument) {

    static TracingSettings from(PropertiesComponent properties) {
        Settings settings = new Settings(properties);
        return new TracingSettings(
                settings.text("creditscore.tracing.endpoint"),
                settings.text("creditscore.tracing.traces-endpoint"),
                settings.text("creditscore.tracing.traces-exporter"),
                settings.flag("creditscore.tracing.sdk-disabled"),
                settings.text("creditscore.tracing.sampler"),
                settings.text("creditscore.tracing.sampler-arg"));
    }

    /** Whether the service traces: an OTLP endpoint is set, and neither the SDK nor its traces are turned off. */
    boolean on() {
        return !sdkDisabled && !tracesExporter.equals("none") && !(endpoint.isEmpty() && tracesEndpoint.isEmpty());
    }

    /**
     * What the OpenTelemetry SDK is given beside the {@code OTEL_*} variables, which win over
     * these: the settings above, OTLP over HTTP (protobuf), and traces only (no metrics, no logs:
     * the service's metrics are Prometheus's, its logs its own).
     */
    Map<String, String> sdkProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("otel.traces.exporter", "otlp");
        properties.put("otel.metrics.exporter", "none");
        properties.put("otel.logs.exporter", "none");
        properties.put("otel.exporter.otlp.protocol", "http/protobuf");
        if (!endpoint.isEmpty()) {
            properties.put("otel.exporter.otlp.endpoint", endpoint);
        }
        if (!tracesEndpoint.isEmpty()) {
            properties.put("otel.exporter.otlp.traces.endpoint", tracesEndpoint);
        }
        if (!sampler.isEmpty()) {
            properties.put("otel.traces.sampler", sampler);
        }
        if (!samplerArgument.isEmpty()) {
            properties.put("otel.traces.sampler.arg", samplerArgument);
        }
        return properties;
    }
}
