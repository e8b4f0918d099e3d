package com.vpbank.creditscore;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP receiver of traces, as a collector's is: it takes {@code POST /v1/traces}
 * (protobuf, gzip or not) on a port of loopback, answers 200, and keeps every span with its
 * resource's attributes.
 */
final class OtlpReceiver implements AutoCloseable {

    /** One span as received, its ids in hex. */
    record ReceivedSpan(String traceId, String spanId, String parentSpanId, String name,
                        Map<String, String> attributes, Map<String, String> resource, List<String> linkedSpans,
                        List<String> linkedTraces, boolean error, List<Map<String, String>> events) {

        String attribute(String key) {
            return attributes.get(key);
        }
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new ArrayList<>();
    private int exports;

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/traces", this::receive);
        server.start();
    }

    /** What OTEL_EXPORTER_OTLP_ENDPOINT names. */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    synchronized int exports() {
        return exports;
    }

    synchronized List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    /** The spans received once {@code enough} holds of them, waiting for it at most {@code wait}. */
    List<ReceivedSpan> await(Duration wait, Predicate<List<ReceivedSpan>> enough) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            List<ReceivedSpan> received = spans();
            if (enough.test(received)) {
                return received;
            }
            Thread.sleep(100);
        }
        return spans();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body;
            try (InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
            synchronized (this) {
                exports++;
                for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
                    Map<String, String> resource = attributes(resourceSpans.getResource().getAttributesList());
                    for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                        for (Span span : scopeSpans.getSpansList()) {
                            spans.add(new ReceivedSpan(hex(span.getTraceId().toByteArray()),
                                    hex(span.getSpanId().toByteArray()), hex(span.getParentSpanId().toByteArray()),
                                    span.getName(), attributes(span.getAttributesList()), resource,
                                    span.getLinksList().stream().map(link -> hex(link.getSpanId().toByteArray())).toList(),
                                    span.getLinksList().stream().map(link -> hex(link.getTraceId().toByteArray())).toList(),
                                    span.getStatus().getCode() == io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR,
                                    span.getEventsList().stream().map(event -> {
                                        Map<String, String> named = new LinkedHashMap<>(attributes(event.getAttributesList()));
                                        named.put("event", event.getName());
                                        return named;
                                    }).toList()));
                        }
                    }
                }
            }
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        }
    }

    private static Map<String, String> attributes(List<KeyValue> values) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (KeyValue value : values) {
            attributes.put(value.getKey(), text(value.getValue()));
        }
        return attributes;
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream().map(OtlpReceiver::text).toList().toString();
            default -> value.toString();
        };
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
