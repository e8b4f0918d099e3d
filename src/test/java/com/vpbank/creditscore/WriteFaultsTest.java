package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.vpbank.creditscore.DynamoDbFaultProxy.Fault;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB failing at each call a keyed predict makes, through a fault-injecting proxy in
 * front of DynamoDB Local: the idempotency claim, the customer lookup and the prediction's
 * transaction, each with each fault, once (the AWS SDK's retry meets a healthy database)
 * and for every attempt (the request fails). After the first answer and one retry with the
 * same Idempotency-Key, the customer has exactly one history record, it is the latest, the
 * retry answers 200 with it, and no 503 said {@code stored: "no"} when something was stored.
 */
class WriteFaultsTest {

    private static final int EVERY_ATTEMPT = Integer.MAX_VALUE;

    private static DynamoDbFaultProxy proxy;
    private static RunningService service;

    @BeforeAll
    static void start() throws IOException {
        proxy = new DynamoDbFaultProxy(RunningService.dynamoDbLocal().endpoint(), Duration.ofMillis(1500));
        service = RunningService.start(Map.of(
                "creditscore.dynamodb.endpoint", proxy.endpoint().toString(),
                "creditscore.dynamodb.attempt-timeout-ms", "300",
                "creditscore.dynamodb.call-timeout-ms", "1000"));
    }

    @AfterAll
    static void stop() {
        service.close();
        proxy.close();
    }

    enum Point {
        CLAIM("PutItem"), LOOKUP("GetItem"), TRANSACTION("TransactWriteItems");

        final String operation;

        Point(String operation) {
            this.operation = operation;
        }

        String table() {
            return switch (this) {
                case CLAIM -> service.idempotencyTable();
                case LOOKUP -> service.customerTable();
                case TRANSACTION -> service.historyTable();
            };
        }
    }

    static Stream<Arguments> faults() {
        List<Arguments> cases = new ArrayList<>();
        for (Point point : Point.values()) {
            for (Fault fault : Fault.values()) {
                for (int times : new int[] {1, EVERY_ATTEMPT}) {
                    cases.add(Arguments.of(point, fault, times));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} x{2}")
    @MethodSource("faults")
    void aNewCustomersPredictSettlesWithOneRetry(Point point, Fault fault, int times) {
        settles(point, fault, times, "NEW-" + UUID.randomUUID(), DemoFeatures.NEW, "new");
    }

    /** The transaction's faults, where an existing customer's write differs; the others when they fail the request. */
    static Stream<Arguments> existingCustomerFaults() {
        return faults().filter(arguments ->
                arguments.get()[0] == Point.TRANSACTION || (int) arguments.get()[2] == EVERY_ATTEMPT);
    }

    @ParameterizedTest(name = "{0} {1} x{2}")
    @MethodSource("existingCustomerFaults")
    void anExistingCustomersPredictSettlesWithOneRetry(Point point, Fault fault, int times) {
        settles(point, fault, times, service.existingCustomer(), DemoFeatures.EXISTING, "existing");
    }

    @Test
    void aFailedLookupThenAnImmediateRetryWithTheSameKeyAnswers200() {
        String customerId = "NEW-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        proxy.inject("GetItem", service.customerTable(), Fault.SERVER_ERROR, EVERY_ATTEMPT);
        HttpResponse<String> first = predict(customerId, DemoFeatures.NEW, key);
        proxy.clear();

        HttpResponse<String> retry = predict(customerId, DemoFeatures.NEW, key);

        assertEquals(503, first.statusCode(), first.body());
        assertEquals("no", service.json(first).at("/details/stored").asText());
        assertEquals(200, retry.statusCode(), retry.body());
    }

    @Test
    void aLostTransactionAnswerWithoutAKeyIsReadBackAndAnswered() {
        String customerId = "NEW-" + UUID.randomUUID();
        proxy.inject("TransactWriteItems", service.historyTable(), Fault.ANSWER_LOST, EVERY_ATTEMPT);
        HttpResponse<String> first = predict(customerId, DemoFeatures.NEW, null);
        proxy.clear();

        assertEquals(200, first.statusCode(), first.body());
        List<Map<String, AttributeValue>> history = service.history(customerId);
        assertEquals(1, history.size());
        assertEquals(service.json(first).get("prediction_id").asText(), history.get(0).get("prediction_id").s());
        assertEquals(history.get(0).get("prediction_id"), service.customerItem(customerId).get("prediction_id"));
    }

    /**
     * A throttled transaction is retried by the AWS SDK with a growing pause until the call's
     * time budget runs out; every attempt was refused, so nothing can land later, and the
     * answer says so even without a key.
     */
    @Test
    void aTransactionThrottledOnEveryAttemptWithoutAKeyAnswers503StoredNo() {
        String customerId = "NEW-" + UUID.randomUUID();
        proxy.inject("TransactWriteItems", service.historyTable(), Fault.THROTTLED, EVERY_ATTEMPT);
        HttpResponse<String> first = predict(customerId, DemoFeatures.NEW, null);
        int hit = proxy.clear();

        assertTrue(hit > 1, "the SDK retried the throttled transaction: " + hit);
        assertEquals(503, first.statusCode(), first.body());
        JsonNode answer = service.json(first);
        assertEquals("no", answer.at("/details/stored").asText());
        assertEquals("The prediction could not be stored, and nothing of it was; try again later.",
                answer.get("error").asText());
        assertEquals(0, service.history(customerId).size());
        assertTrue(service.customerItem(customerId).isEmpty(), "the customer is still new");
    }

    /**
     * Without a key there is no claim whose release fences off a late landing of the
     * transaction, so a transaction whose outcome is not known (a 500 on every attempt: a
     * 5xx may have been applied) is "unknown", even though the read-back found nothing; a
     * client that must know sends a key.
     */
    @Test
    void aTransactionWithUnknownOutcomeWithoutAKeyAnswers503StoredUnknown() {
        String customerId = "NEW-" + UUID.randomUUID();
        proxy.inject("TransactWriteItems", service.historyTable(), Fault.SERVER_ERROR, EVERY_ATTEMPT);
        HttpResponse<String> first = predict(customerId, DemoFeatures.NEW, null);
        proxy.clear();

        assertEquals(503, first.statusCode(), first.body());
        JsonNode answer = service.json(first);
        assertEquals("unknown", answer.at("/details/stored").asText());
        assertEquals("The prediction may have been stored; a retry with the same Idempotency-Key gets its answer.",
                answer.get("error").asText());
        assertEquals(0, service.history(customerId).size());
        assertTrue(service.customerItem(customerId).isEmpty(), "the customer is still new");
    }

    @Test
    void aTransactionThatFailsWithAKeyAnswers503StoredNoAndStoresNothing() {
        String customerId = "NEW-" + UUID.randomUUID();
        proxy.inject("TransactWriteItems", service.historyTable(), Fault.SERVER_ERROR, EVERY_ATTEMPT);
        HttpResponse<String> first = predict(customerId, DemoFeatures.NEW, UUID.randomUUID().toString());
        proxy.clear();

        assertEquals(503, first.statusCode(), first.body());
        JsonNode answer = service.json(first);
        assertEquals("no", answer.at("/details/stored").asText());
        assertEquals("The prediction could not be stored, and nothing of it was; try again later.",
                answer.get("error").asText());
        assertEquals(0, service.history(customerId).size());
        assertTrue(service.customerItem(customerId).isEmpty(), "the customer is still new");
    }

    /**
     * A request that fails and cannot release its claim (DynamoDB fails the delete too)
     * leaves its key claimed; the claim expires with the request's deadline, the longest a
     * keyed predict can take (here 7 DynamoDB calls of 1 s and the model budget of 1 s twice),
     * and a retry after it is scored.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Point.class, names = {"LOOKUP", "TRANSACTION"})
    void aKeyWhoseReleaseFailedIsFreeAtTheRequestsDeadline(Point point) throws InterruptedException {
        String customerId = "NEW-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        proxy.inject(point.operation, point.table(), Fault.SERVER_ERROR, EVERY_ATTEMPT);
        proxy.injectAlso("DeleteItem", service.idempotencyTable(), Fault.SERVER_ERROR, EVERY_ATTEMPT);
        long sentAt = System.currentTimeMillis() / 1000;
        HttpResponse<String> first = predict(customerId, DemoFeatures.NEW, key);
        proxy.clear();
        Map<String, AttributeValue> claim = service.dynamo().getItem(request -> request
                .tableName(service.idempotencyTable()).consistentRead(true)
                .key(Map.of("idempotency_key", AttributeValue.fromS(key)))).item();

        assertEquals(503, first.statusCode(), first.body());
        assertEquals("pending", claim.get("state").s(), "the release failed");
        long expiresAt = Long.parseLong(claim.get("expires_at").n());
        assertTrue(expiresAt <= sentAt + 9 + 1, "the claim holds " + (expiresAt - sentAt) + " s");
        HttpResponse<String> early = predict(customerId, DemoFeatures.NEW, key);
        assertEquals(409, early.statusCode(), early.body());

        Thread.sleep(Math.max(0, (expiresAt + 1) * 1000 - System.currentTimeMillis()));
        HttpResponse<String> retry = predict(customerId, DemoFeatures.NEW, key);

        assertEquals(200, retry.statusCode(), retry.body());
        assertEquals(1, service.history(customerId).size());
    }

    private static void settles(Point point, Fault fault, int times, String customerId, String features,
                                String customerType) {
        String key = UUID.randomUUID().toString();
        proxy.inject(point.operation, point.table(), fault, times);
        HttpResponse<String> first = predict(customerId, features, key);
        int hit = proxy.clear();
        List<Map<String, AttributeValue>> afterFirst = service.history(customerId);

        HttpResponse<String> retry = predict(customerId, features, key);

        String context = point + " " + fault + " x" + times + ": first " + first.statusCode() + " " + first.body()
                + ", retry " + retry.statusCode() + " " + retry.body();
        assertTrue(hit > 0, "the fault was injected: " + context);
        assertTrue(first.statusCode() == 200 || first.statusCode() == 503, context);
        if (first.statusCode() == 503) {
            String stored = service.json(first).at("/details/stored").asText();
            assertTrue(stored.equals("no") || stored.equals("unknown"), context);
            if (stored.equals("no")) {
                assertEquals(List.of(), afterFirst, "a 503 that said stored: no stored nothing; " + context);
            }
        }
        assertEquals(200, retry.statusCode(), context);
        JsonNode answer = service.json(retry);
        assertEquals(customerType, answer.get("customer_type").asText(), context);
        List<Map<String, AttributeValue>> history = service.history(customerId);
        assertEquals(1, history.size(), "exactly one history record; " + context);
        String stored = history.get(0).get("prediction_id").s();
        assertEquals(stored, answer.get("prediction_id").asText(), "the retry answers the stored prediction; " + context);
        assertEquals(stored, service.customerItem(customerId).get("prediction_id").s(), "it is the latest; " + context);
        if (first.statusCode() == 200) {
            assertEquals(service.json(first), answer, "the retry replays the first answer; " + context);
        } else if (!afterFirst.isEmpty()) {
            assertEquals(afterFirst.get(0).get("prediction_id").s(), stored, context);
        } else {
            assertNotEquals("", stored);
        }
    }

    private static HttpResponse<String> predict(String customerId, String features, String key) {
        String body = ScoringServiceTest.predictBody(customerId, features);
        return key == null
                ? service.post("/api/v1/predict", body, "Content-Type", "application/json")
                : service.post("/api/v1/predict", body, "Content-Type", "application/json", "Idempotency-Key", key);
    }
}
