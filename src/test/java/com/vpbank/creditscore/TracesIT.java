package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vpbank.creditscore.OtlpReceiver.ReceivedSpan;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Traces of the packaged service, exported over OTLP/HTTP to a receiver outside its process
 * ({@link OtlpReceiver}), as a collector receives them: the span tree of a predict for an existing
 * and for a new customer, continuing the caller's traceparent; the trace id in the request's log
 * line and in an error answer; the shadow as a trace of its own, linked; and no span at all
 * without an OTLP endpoint.
 */
class TracesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CHALLENGER_VERSION = "2026-01-15.2";

    @Test
    void aPredictIsOneTreeOfSpansFromTheCallersTraceThroughLookupModelsAndTransaction(@TempDir Path work)
            throws Exception {
        String run = UUID.randomUUID().toString();
        String existing = "CUS" + Math.abs(run.hashCode());
        String newCustomer = "NEW" + Math.abs(run.hashCode());
        Path challenger = ChallengerBundles.write(work.resolve("challenger"), CHALLENGER_VERSION, Map.of())
                .toAbsolutePath();
        try (OtlpReceiver receiver = new OtlpReceiver();
             DynamoDbClient dynamo = RunningService.client(RunningService.dynamoDbLocal().endpoint())) {
            Map<String, String> settings = new HashMap<>(tables(run));
            settings.put("CHALLENGER_DIR", challenger.toString());
            settings.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint().toString());
            settings.put("OTEL_BSP_SCHEDULE_DELAY", "100");
            // Every request, not one in ten: the new customer's comes with no caller's decision.
            settings.put("OTEL_TRACES_SAMPLER_ARG", "1");
            try (PackagedService service = PackagedService.start(work.resolve("traced"), settings)) {
                service.await("ready", () -> service.status(service.management("/observe/health/ready")) == 200);
                dynamo.putItem(request -> request.tableName("customers-" + run)
                        .item(Map.of("customer_id", AttributeValue.fromS(existing))));

                // An existing customer, with the caller's trace.
                String callerTrace = HexFormat.of().formatHex(randomBytes(16));
                String callerSpan = HexFormat.of().formatHex(randomBytes(8));
                HttpResponse<String> answer = service.predict(existing, DemoFeatures.EXISTING,
                        "traceparent", "00-" + callerTrace + "-" + callerSpan + "-01", "tracestate", "caller=1");
                assertEquals(200, answer.statusCode(), answer.body());

                List<ReceivedSpan> trace = awaitTrace(receiver, callerTrace, spans ->
                        named(spans, "model social").isPresent() && named(spans, "model traditional").isPresent()
                                && rpc(spans, "TransactWriteItems").isPresent());
                ReceivedSpan server = assertOneTree(trace, callerSpan);
                assertEquals("POST /api/v1/predict", server.name(), dump(trace));
                assertEquals("/api/v1/predict", server.attribute("http.route"));
                assertEquals("POST", server.attribute("http.request.method"));
                assertEquals("200", server.attribute("http.response.status_code"));
                assertEquals("credit-score", server.resource().get("service.name"));

                ReceivedSpan lookup = rpc(trace, "GetItem").orElseThrow(() -> new AssertionError(dump(trace)));
                assertEquals("DynamoDB", lookup.attribute("rpc.service").replace("Db", "DB"), dump(trace));
                assertEquals("[customers-" + run + "]", lookup.attribute("aws.dynamodb.table_names"));
                assertTrue(isUnder(trace, lookup, "customer-lookup"), "the lookup is under its step: " + dump(trace));
                ReceivedSpan transaction = rpc(trace, "TransactWriteItems").orElseThrow();
                assertTrue(isUnder(trace, transaction, "store-prediction"),
                        "the transaction is under its step: " + dump(trace));
                for (String model : List.of("traditional", "social")) {
                    ReceivedSpan span = named(trace, "model " + model).orElseThrow();
                    assertEquals(model, span.attribute("creditscore.model.name"));
                    assertEquals("2025-11-08.1", span.attribute("creditscore.model.version"));
                }
                assertTrue(named(trace, "model xgboost").isEmpty(), "an existing customer's models only");
                assertTrue(trace.stream().anyMatch(span -> span.name().startsWith("reason-codes")), dump(trace));
                assertNothingOfTheRequestIn(trace, existing);
                String logLine = await(service, "\"trace_id\":\"" + callerTrace + "\"");
                assertTrue(logLine.contains("\"path\":\"/api/v1/predict\""), logLine);

                // The shadow: a trace of its own, whose root links to the request's trace.
                List<ReceivedSpan> all = receiver.await(WAIT, spans -> spans.stream().anyMatch(
                        span -> span.name().equals("shadow scoring") && span.linkedTraces().contains(callerTrace)));
                ReceivedSpan shadow = all.stream().filter(span -> span.name().equals("shadow scoring")
                        && span.linkedTraces().contains(callerTrace)).findFirst()
                        .orElseThrow(() -> new AssertionError("no linked shadow span: " + dump(all)));
                assertFalse(shadow.traceId().equals(callerTrace), "the shadow is a trace of its own");
                assertEquals("", shadow.parentSpanId(), "the shadow span is its trace's root");
                assertTrue(trace.stream().anyMatch(span -> shadow.linkedSpans().contains(span.spanId())),
                        "the link names a span of the request");
                List<ReceivedSpan> shadowTrace = receiver.await(WAIT, spans -> rpc(ofTrace(spans, shadow.traceId()),
                        "PutItem").isPresent());
                assertTrue(rpc(ofTrace(shadowTrace, shadow.traceId()), "PutItem").isPresent(),
                        "the shadow record's write is in the shadow's trace: " + dump(ofTrace(shadowTrace, shadow.traceId())));

                // A new customer, with no caller's trace: a trace of the service's own.
                HttpResponse<String> fresh = service.predict(newCustomer, DemoFeatures.NEW);
                assertEquals(200, fresh.statusCode(), fresh.body());
                String freshLine = await(service, "\"customer_type\":\"new\"");
                String freshTrace = JSON.readTree(freshLine.substring(freshLine.indexOf('{'))).get("trace_id").asText();
                List<ReceivedSpan> newTrace = awaitTrace(receiver, freshTrace,
                        spans -> named(spans, "model xgboost").isPresent() && rpc(spans, "TransactWriteItems").isPresent());
                ReceivedSpan root = assertOneTree(newTrace, "");
                assertEquals("POST /api/v1/predict", root.name());
                assertEquals("2025-11-08.1", named(newTrace, "model xgboost").orElseThrow()
                        .attribute("creditscore.model.version"));
                assertTrue(isUnder(newTrace, rpc(newTrace, "GetItem").orElseThrow(), "customer-lookup"));
                assertTrue(isUnder(newTrace, rpc(newTrace, "TransactWriteItems").orElseThrow(), "store-prediction"));
                assertTrue(named(newTrace, "model traditional").isEmpty(), "a new customer's model only");
                assertNothingOfTheRequestIn(newTrace, newCustomer);

                // An error answer names its trace, which the receiver has: a new customer without the
                // new customers' group, refused by a bean step.
                HttpResponse<String> refused = service.predict("NEW" + run.hashCode() + "X",
                        "\"traditional\": " + DemoFeatures.TRADITIONAL);
                assertEquals(400, refused.statusCode(), refused.body());
                String errorTrace = PackagedService.json(refused).path("trace_id").asText();
                assertTrue(errorTrace.matches("[0-9a-f]{32}"), refused.body());
                List<ReceivedSpan> errorSpans = awaitTrace(receiver, errorTrace, spans -> spans.stream()
                        .anyMatch(span -> "400".equals(span.attribute("http.response.status_code"))));
                assertEquals("400", assertOneTree(errorSpans, "").attribute("http.response.status_code"),
                        dump(errorSpans));
                // The failure is in the trace by its kind, without its message (which may quote the body).
                List<Map<String, String>> events = errorSpans.stream().flatMap(span -> span.events().stream()).toList();
                assertTrue(events.stream().anyMatch(event -> "error".equals(event.get("event"))), events.toString());
                assertTrue(events.stream().noneMatch(event -> event.containsKey("message")
                        || event.containsKey("exception.message")), events.toString());

                // A caller that decided not to sample: no span is sent and no trace id is given.
                String unsampledTrace = HexFormat.of().formatHex(randomBytes(16));
                HttpResponse<String> unsampled = service.predict("NEW" + run.hashCode() + "Y",
                        "\"traditional\": " + DemoFeatures.TRADITIONAL, "traceparent",
                        "00-" + unsampledTrace + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-00");
                assertEquals(400, unsampled.statusCode(), unsampled.body());
                assertFalse(PackagedService.json(unsampled).has("trace_id"), unsampled.body());
                Thread.sleep(1_000);
                assertEquals(List.of(), ofTrace(receiver.spans(), unsampledTrace), "the caller's decision is kept");
            }
        }
    }

    @Test
    void withoutAnOtlpEndpointNoSpanIsMadeAndNoTraceIdGiven(@TempDir Path work) throws Exception {
        String run = UUID.randomUUID().toString();
        try (OtlpReceiver receiver = new OtlpReceiver()) {
            Map<String, String> settings = new HashMap<>(tables(run));
            // The SDK's other variables, even one that names the receiver for metrics, do not turn traces on.
            settings.put("OTEL_BSP_SCHEDULE_DELAY", "100");
            settings.put("OTEL_SERVICE_NAME", "credit-score-untraced");
            settings.put("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", receiver.endpoint() + "/v1/traces");
            try (PackagedService service = PackagedService.start(work.resolve("untraced"), settings)) {
                service.await("ready", () -> service.status(service.management("/observe/health/ready")) == 200);
                HttpResponse<String> answer = service.predict("NEW" + Math.abs(run.hashCode()), DemoFeatures.NEW,
                        "traceparent", "00-" + HexFormat.of().formatHex(randomBytes(16)) + "-"
                                + HexFormat.of().formatHex(randomBytes(8)) + "-01");
                assertEquals(200, answer.statusCode(), answer.body());
                HttpResponse<String> refused = service.send(service.api("/api/v1/predict")
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{")));
                assertEquals(400, refused.statusCode());
                assertFalse(PackagedService.json(refused).has("trace_id"), refused.body());
                String line = await(service, "\"customer_type\":\"new\"");
                assertFalse(line.contains("trace_id"), line);

                Thread.sleep(2_000);
                assertEquals(0, receiver.exports(), "nothing was exported");
                assertFalse(Files.readString(service.log()).contains("Traces on"), "tracing never started");
            }
        }
    }

    private static Map<String, String> tables(String run) {
        return Map.of(
                "CUSTOMER_TABLE_NAME", "customers-" + run,
                "PREDICTION_HISTORY_TABLE_NAME", "history-" + run,
                "IDEMPOTENCY_TABLE_NAME", "idempotency-" + run,
                "SHADOW_TABLE_NAME", "shadow-" + run,
                "DYNAMODB_CREATE_TABLES", "true",
                "DYNAMODB_ENDPOINT_URL", RunningService.dynamoDbLocal().endpoint().toString(),
                "MODELS_DIR", Path.of("models").toAbsolutePath().toString());
    }

    /**
     * Every span of the trace hangs from one root, the HTTP request's span, whose parent is
     * {@code callerSpan} (the caller's, or "" for none): no span's parent is missing.
     */
    private static ReceivedSpan assertOneTree(List<ReceivedSpan> trace, String callerSpan) {
        Set<String> ids = trace.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
        List<ReceivedSpan> roots = trace.stream().filter(span -> !ids.contains(span.parentSpanId())).toList();
        assertEquals(1, roots.size(), "one root: " + dump(trace));
        assertEquals(callerSpan, roots.get(0).parentSpanId(), "the root continues the caller's span: " + dump(trace));
        return roots.get(0);
    }

    /** Whether an ancestor of {@code span} is the step whose span name starts with {@code step}. */
    private static boolean isUnder(List<ReceivedSpan> trace, ReceivedSpan span, String step) {
        Map<String, ReceivedSpan> byId = trace.stream().collect(Collectors.toMap(ReceivedSpan::spanId, s -> s));
        for (ReceivedSpan parent = byId.get(span.parentSpanId()); parent != null; parent = byId.get(parent.parentSpanId())) {
            if (parent.name().startsWith(step)) {
                return true;
            }
        }
        return false;
    }

    /** No attribute of any span holds the customer id, the API key or a feature value. */
    private static void assertNothingOfTheRequestIn(List<ReceivedSpan> trace, String customerId) {
        for (ReceivedSpan span : trace) {
            for (Map.Entry<String, String> attribute : span.attributes().entrySet()) {
                String value = attribute.getValue();
                assertFalse(value.contains(customerId) || value.contains(PackagedService.KEY)
                                || value.contains("0.8, 0.3"),
                        span.name() + " " + attribute.getKey() + "=" + value);
            }
        }
    }

    /** The spans of the trace once {@code enough} holds of them and the HTTP request's span, its root, is in. */
    private static List<ReceivedSpan> awaitTrace(OtlpReceiver receiver, String traceId,
                                                 Predicate<List<ReceivedSpan>> wanted) throws InterruptedException {
        Predicate<List<ReceivedSpan>> enough = wanted.and(spans -> spans.stream()
                .anyMatch(span -> span.name().startsWith("POST /api/v1/predict")));
        List<ReceivedSpan> all = receiver.await(WAIT, spans -> enough.test(ofTrace(spans, traceId)));
        List<ReceivedSpan> trace = ofTrace(all, traceId);
        assertTrue(enough.test(trace), "the trace " + traceId + " was received: " + dump(all));
        return trace;
    }

    private static List<ReceivedSpan> ofTrace(List<ReceivedSpan> spans, String traceId) {
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    private static Optional<ReceivedSpan> named(List<ReceivedSpan> spans, String name) {
        return spans.stream().filter(span -> span.name().equals(name)).findFirst();
    }

    /** The AWS SDK call of {@code operation}, as OpenTelemetry's AWS SDK instrumentation names it. */
    private static Optional<ReceivedSpan> rpc(List<ReceivedSpan> spans, String operation) {
        return spans.stream().filter(span -> operation.equals(span.attribute("rpc.method"))).findFirst();
    }

    /** The first line of the service's output holding {@code text}, waiting for it. */
    private static String await(PackagedService service, String text) throws Exception {
        String[] found = new String[1];
        service.await("a log line with " + text, () -> {
            try {
                found[0] = Files.readAllLines(service.log()).stream().filter(line -> line.contains(text))
                        .findFirst().orElse(null);
                return found[0] != null;
            } catch (java.io.IOException e) {
                return false;
            }
        });
        assertNotNull(found[0]);
        return found[0];
    }

    private static String dump(List<ReceivedSpan> spans) {
        StringBuilder out = new StringBuilder();
        for (ReceivedSpan span : spans) {
            out.append("\n  ").append(span.traceId(), 0, 8).append(' ').append(span.spanId())
                    .append(" <- ").append(span.parentSpanId()).append(' ').append(span.name())
                    .append(' ').append(span.attributes()).append(span.linkedSpans().isEmpty() ? "" : " links " + span.linkedSpans());
        }
        return out.toString();
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new java.security.SecureRandom().nextBytes(bytes);
        bytes[0] |= 1;
        return bytes;
    }

}
