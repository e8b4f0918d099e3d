package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Every prediction in the history, the latest never going backwards, and retries made safe. */
class HistoryAndIdempotencyTest {

    private static RunningService service;

    @BeforeAll
    static void start() {
        service = RunningService.start();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    /**
     * A customer item written by another system with a numeric prediction_timestamp (epoch
     * seconds) is older than any prediction this service makes: the prediction becomes the
     * latest, and a warning names the attribute and its type, not the customer or its values.
     */
    @Test
    void aNumericPredictionTimestampWrittenElsewhereIsReplacedByTheNextPrediction() {
        String customerId = "CUS-" + UUID.randomUUID();
        service.dynamo().putItem(request -> request.tableName(service.customerTable()).item(Map.of(
                "customer_id", AttributeValue.fromS(customerId),
                "prediction_timestamp", AttributeValue.fromN("1700000000"),
                "credit_score", AttributeValue.fromN("612.5"))));
        List<LogCapture.Line> lines;
        HttpResponse<String> first;
        HttpResponse<String> second;
        try (LogCapture capture = new LogCapture()) {
            first = service.post("/api/v1/predict", ScoringServiceTest.predictBody(customerId, DemoFeatures.EXISTING));
            second = service.post("/api/v1/predict", ScoringServiceTest.predictBody(customerId, DemoFeatures.EXISTING));
            lines = capture.lines();
        }

        assertEquals(200, first.statusCode(), first.body());
        assertEquals(200, second.statusCode(), second.body());
        Map<String, AttributeValue> item = service.customerItem(customerId);
        assertEquals(service.json(second).get("prediction_id").asText(), item.get("prediction_id").s(),
                "the newest prediction is the latest");
        assertEquals(service.json(second).get("timestamp").asText(), item.get("prediction_timestamp").s());
        List<LogCapture.Line> warnings = lines.stream().filter(line -> line.text().contains("prediction_timestamp")).toList();
        assertEquals(1, warnings.size(), lines.toString());
        assertEquals(org.apache.logging.log4j.Level.WARN, warnings.get(0).level());
        assertFalse(warnings.get(0).text().contains(customerId), warnings.get(0).text());
        assertFalse(warnings.get(0).text().contains("1700000000"), warnings.get(0).text());
        assertFalse(warnings.get(0).text().contains("612.5"), warnings.get(0).text());
    }

    @Test
    void fiftyParallelPredictionsLeaveTheNewestAsLatestAndAllInHistory() throws Exception {
        String customerId = service.existingCustomer();
        List<JsonNode> answers = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                float income = i / 50f;
                calls.add(clients.submit(() -> service.post("/api/v1/predict", ScoringServiceTest.predictBody(customerId,
                        "\"traditional\": [" + income + ", 0.8, 0.3, 0.7, 0.9, 0.2, 1, 0], \"social\": " + DemoFeatures.SOCIAL))));
            }
            for (Future<HttpResponse<String>> call : calls) {
                HttpResponse<String> response = call.get();
                assertEquals(200, response.statusCode(), response.body());
                answers.add(service.json(response));
            }
        } finally {
            clients.shutdown();
        }

        String newest = answers.stream().map(a -> a.get("timestamp").asText()).max(Comparator.naturalOrder()).orElseThrow();
        Map<String, AttributeValue> latest = service.customerItem(customerId);
        assertEquals(newest, latest.get("prediction_timestamp").s());
        JsonNode newestAnswer = answers.stream().filter(a -> a.get("prediction_id").asText()
                .equals(latest.get("prediction_id").s())).findFirst().orElseThrow();
        assertEquals(newest, newestAnswer.get("timestamp").asText());
        assertEquals(newestAnswer.get("aggregated_score").asDouble(), Double.parseDouble(latest.get("credit_score").n()), 0);

        List<Map<String, AttributeValue>> history = service.history(customerId);
        assertEquals(50, history.size());
        assertEquals(answers.stream().map(a -> a.get("prediction_id").asText()).sorted().toList(),
                history.stream().map(item -> item.get("prediction_id").s()).sorted().toList());
    }

    @Test
    void historyRecordHoldsTheInputsAndModelVersions() {
        String customerId = "NEW-" + UUID.randomUUID();
        JsonNode answer = service.json(predict(customerId, "\"xgboost\": " + DemoFeatures.XGBOOST));

        Map<String, AttributeValue> record = service.history(customerId).get(0);

        assertEquals(answer.get("prediction_id").asText(), record.get("prediction_id").s());
        assertEquals(answer.get("timestamp").asText() + "#" + answer.get("prediction_id").asText(),
                record.get("prediction_key").s());
        assertEquals("new", record.get("customer_type").s());
        assertEquals(List.of("0.5", "0.8", "0.3", "1.0", "0.0", "1.0", "1.0", "0.6", "0.3", "0.2"),
                record.get("features").m().get("xgboost").l().stream().map(AttributeValue::n).toList());
        assertEquals(answer.get("version").asText(), record.get("raw_predictions").l().get(0).m().get("version").s());
    }

    @Test
    void searchPagesTheHistoryNewestFirst() throws InterruptedException {
        String customerId = service.existingCustomer();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(service.json(predict(customerId, "\"traditional\": " + DemoFeatures.TRADITIONAL)).get("prediction_id").asText());
            Thread.sleep(2); // distinct millisecond timestamps, so that the order is the order sent
        }
        List<String> newestFirst = new ArrayList<>(ids);
        java.util.Collections.reverse(newestFirst);

        JsonNode first = service.json(service.get("/api/v1/search?customer_id=" + customerId + "&limit=2"));
        JsonNode second = service.json(service.get("/api/v1/search?customer_id=" + customerId + "&limit=2&cursor="
                + first.get("next").asText()));
        JsonNode third = service.json(service.post("/api/v1/search", "{\"customer_id\": \"" + customerId
                + "\", \"limit\": 2, \"cursor\": \"" + second.get("next").asText() + "\"}"));
        JsonNode all = service.json(service.get("/api/v1/search?customer_id=" + customerId));

        assertEquals(newestFirst.subList(0, 2), ids(first));
        assertEquals(newestFirst.subList(2, 4), ids(second));
        assertEquals(newestFirst.subList(4, 5), ids(third));
        assertFalse(third.has("next"));
        assertEquals(newestFirst, ids(all));
        assertFalse(all.has("next"), "no next when no more remain");
        assertEquals(newestFirst.get(0), all.at("/latest_prediction/prediction_id").asText());
        assertEquals(8, all.at("/history/0/features/traditional").size());
    }

    @Test
    void aCursorIsTakenOnlyAsGivenAndOnlyForItsCustomer() {
        String customerId = service.existingCustomer();
        String otherCustomer = service.existingCustomer();
        for (int i = 0; i < 3; i++) {
            predict(customerId, "\"traditional\": " + DemoFeatures.TRADITIONAL);
            predict(otherCustomer, "\"traditional\": " + DemoFeatures.TRADITIONAL);
        }
        String next = service.json(service.get("/api/v1/search?customer_id=" + customerId + "&limit=1")).get("next").asText();
        String sortKey = service.history(customerId).get(0).get("prediction_key").s();
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
        // the first character of the encoded sort key changed: the key's first byte differs
        String tampered = (next.charAt(0) == 'M' ? 'N' : 'M') + next.substring(1);
        String otherNext = service.json(service.get("/api/v1/search?customer_id=" + otherCustomer + "&limit=1"))
                .get("next").asText();

        assertEquals(200, service.get("/api/v1/search?customer_id=" + customerId + "&limit=1&cursor=" + next).statusCode());
        // the cursor given, with base64 padding added to its signature (URL-encoded '==')
        String padded = next + "%3D%3D";
        for (String cursor : List.of(forged, tampered, otherNext, forged + "." + next.substring(next.indexOf('.') + 1),
                padded)) {
            HttpResponse<String> refused = service.get("/api/v1/search?customer_id=" + customerId + "&cursor=" + cursor);
            assertEquals(400, refused.statusCode(), cursor + ": " + refused.body());
            assertEquals("'cursor' must be the 'next' string of a previous answer for this customer.",
                    service.json(refused).get("error").asText());
        }
        HttpResponse<String> foreign = service.post("/api/v1/search", "{\"customer_id\": \"" + otherCustomer
                + "\", \"cursor\": \"" + next + "\"}");
        assertEquals(400, foreign.statusCode(), foreign.body());
    }

    @Test
    void aPostSearchReadsItsBodyNotItsQueryString() {
        String customerId = service.existingCustomer();
        String otherCustomer = service.existingCustomer();
        for (int i = 0; i < 3; i++) {
            predict(customerId, "\"traditional\": " + DemoFeatures.TRADITIONAL);
        }

        HttpResponse<String> response = service.post("/api/v1/search?customer_id=" + otherCustomer + "&limit=100",
                "{\"customer_id\": \"" + customerId + "\", \"limit\": 2}");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode answer = service.json(response);
        assertEquals(customerId, answer.get("customer_id").asText());
        assertEquals(2, answer.get("history").size());
        assertTrue(answer.has("next"));
    }

    @Test
    void sameKeyAndBodyReturnsTheFirstAnswerAndWritesNothing() {
        String customerId = "NEW-" + UUID.randomUUID();
        String key = "retry-" + UUID.randomUUID();
        String body = ScoringServiceTest.predictBody(customerId, "\"xgboost\": " + DemoFeatures.XGBOOST);

        HttpResponse<String> first = service.post("/api/v1/predict", body, "Content-Type", "application/json",
                "Idempotency-Key", key);
        List<Map<String, AttributeValue>> afterFirst = service.allItems();
        HttpResponse<String> retry = service.post("/api/v1/predict", body, "Content-Type", "application/json",
                "Idempotency-Key", key);

        assertEquals(200, first.statusCode(), first.body());
        assertEquals(200, retry.statusCode(), retry.body());
        assertEquals(service.json(first), service.json(retry));
        assertEquals(afterFirst, service.allItems(), "the retry wrote nothing");
        assertEquals(1, service.history(customerId).size());
    }

    @Test
    void sameKeyWithAnotherBodyAnswers422() {
        String customerId = "NEW-" + UUID.randomUUID();
        String key = "reuse-" + UUID.randomUUID();
        service.post("/api/v1/predict", ScoringServiceTest.predictBody(customerId, "\"xgboost\": " + DemoFeatures.XGBOOST),
                "Content-Type", "application/json", "Idempotency-Key", key);
        List<Map<String, AttributeValue>> before = service.allItems();

        HttpResponse<String> other = service.post("/api/v1/predict", ScoringServiceTest.predictBody(customerId,
                "\"xgboost\": [0.1, 0.8, 0.3, 1, 0, 1, 1, 0.6, 0.3, 0.2]"),
                "Content-Type", "application/json", "Idempotency-Key", key);

        assertEquals(422, other.statusCode(), other.body());
        assertEquals("Idempotency-Key was already used with another request.", service.json(other).get("error").asText());
        assertEquals(before, service.allItems());
    }

    @Test
    void keyOfARefusedRequestStaysFree() {
        String customerId = "NEW-" + UUID.randomUUID();
        String key = "refused-" + UUID.randomUUID();

        HttpResponse<String> refused = service.post("/api/v1/predict", ScoringServiceTest.predictBody(customerId,
                "\"traditional\": " + DemoFeatures.TRADITIONAL), "Content-Type", "application/json", "Idempotency-Key", key);
        HttpResponse<String> corrected = service.post("/api/v1/predict", ScoringServiceTest.predictBody(customerId,
                "\"xgboost\": " + DemoFeatures.XGBOOST), "Content-Type", "application/json", "Idempotency-Key", key);

        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals(200, corrected.statusCode(), corrected.body());
    }

    @Test
    void keyIsStoredWithAnExpiry() {
        String key = "ttl-" + UUID.randomUUID();
        service.post("/api/v1/predict", ScoringServiceTest.predictBody("NEW-" + UUID.randomUUID(), "\"xgboost\": " + DemoFeatures.XGBOOST),
                "Content-Type", "application/json", "Idempotency-Key", key);

        Map<String, AttributeValue> item = service.dynamo().getItem(request -> request.tableName(service.idempotencyTable())
                .key(Map.of("idempotency_key", AttributeValue.fromS(key)))).item();

        long expiresIn = Long.parseLong(item.get("expires_at").n()) - java.time.Instant.now().getEpochSecond();
        assertTrue(expiresIn > 23 * 3600 && expiresIn <= 24 * 3600, "expires in " + expiresIn + " s");
        assertTrue(service.dynamo().describeTimeToLive(request -> request.tableName(service.idempotencyTable()))
                .timeToLiveDescription().attributeName().equals("expires_at"));
    }

    private static HttpResponse<String> predict(String customerId, String features) {
        HttpResponse<String> response = service.post("/api/v1/predict", ScoringServiceTest.predictBody(customerId, features));
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }

    private static List<String> ids(JsonNode search) {
        List<String> ids = new ArrayList<>();
        search.get("history").forEach(record -> ids.add(record.get("prediction_id").asText()));
        return ids;
    }
}
