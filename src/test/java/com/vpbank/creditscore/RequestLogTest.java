package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vpbank.creditscore.observe.CustomerIdHashes;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Everything the service logs at its production level during real requests, captured: one
 * JSON line per request, and no customer id, feature value or score anywhere.
 */
class RequestLogTest {

    private static final String LOG_HASH_KEY = "log-hash-key-for-tests";
    /** Feature values no other text would hold by chance. */
    private static final String TRADITIONAL = "[0.1234567, 0.7654321, 0.3141592, 0.2718281, 0.5772156, 0.6180339, 0.1414213, 0.1732050]";
    private static final String SOCIAL = "[0.2236067, 0.2449489, 0.2645751, 0.2828427, 0.3162277]";
    private static final String XGBOOST = "[0.9876543, 0.8765432, 0.7654329, 0.6543219, 0.5432198, 0.4321987, 0.3219876, 0.2198765, 0.1987654, 0.0987654]";

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aRequestLeavesOneJsonLineWithAKeyedHashAndNoPersonalData() throws Exception {
        List<String> lines;
        List<String> requestLines;
        List<HttpResponse<String>> responses = new ArrayList<>();
        String existing;
        String newcomer = "CUS_NEW_LOGGED_7731";

        try (RunningService service = RunningService.start(Map.of("creditscore.log-hash-key", LOG_HASH_KEY));
             LogCapture capture = new LogCapture()) {
            existing = service.existingCustomer();
            responses.add(service.send(HttpRequest.newBuilder(service.uri("/api/v1/predict"))
                    .header("Content-Type", "application/json").header("X-Request-Id", "req-existing-1")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"customer_id\": \"" + existing
                            + "\", \"features\": {\"traditional\": " + TRADITIONAL + ", \"social\": " + SOCIAL + "}}"))));
            responses.add(service.post("/api/v1/predict", "{\"customer_id\": \"" + newcomer
                    + "\", \"features\": {\"xgboost\": " + XGBOOST + "}}"));
            responses.add(service.post("/api/v1/predict", "{\"customer_id\": \"" + newcomer
                    + "\", \"features\": {\"xgboost\": [0.9876543, 0.8765432]}}"));
            responses.add(service.get("/api/v1/search?customer_id=" + existing));
            responses.add(service.sendAsIs(HttpRequest.newBuilder(service.uri("/api/v1/search?customer_id=" + newcomer))
                    .header("X-API-Key", "wrong")));
            lines = capture.lines().stream().map(LogCapture.Line::text).toList();
            requestLines = capture.requestLines();
        }

        assertEquals(List.of(200, 200, 400, 200, 401), responses.stream().map(HttpResponse::statusCode).toList());
        List<String> secrets = new ArrayList<>(List.of(existing, newcomer, "0.1234567", "0.2236067", "0.9876543"));
        for (HttpResponse<String> predicted : responses.subList(0, 2)) {
            JsonNode body = mapper.readTree(predicted.body());
            secrets.add(body.has("aggregated_score") ? body.get("aggregated_score").asText() : body.get("score").asText());
            secrets.add(predicted.body().contains("score_scaled") ? body.findValue("score_scaled").asText() : "");
        }
        secrets.removeIf(String::isEmpty);
        for (String line : lines) {
            for (String secret : secrets) {
                assertFalse(line.contains(secret), "the log holds personal data (" + secret + "): " + line);
            }
        }

        assertEquals(responses.size(), requestLines.size(), "one line per request: " + requestLines);
        CustomerIdHashes hashes = new CustomerIdHashes(LOG_HASH_KEY.getBytes(StandardCharsets.UTF_8));
        JsonNode first = mapper.readTree(requestLines.get(0));
        assertEquals("req-existing-1", first.get("request_id").asText());
        assertEquals("req-existing-1", responses.get(0).headers().firstValue("X-Request-Id").orElseThrow());
        assertEquals("POST", first.get("method").asText());
        assertEquals("/api/v1/predict", first.get("path").asText());
        assertEquals(200, first.get("status").asInt());
        assertTrue(first.get("duration_ms").asLong() >= 0);
        assertEquals("existing", first.get("customer_type").asText());
        assertEquals(hashes.hash(existing), first.get("customer").asText());
        assertEquals("traditional", first.at("/models/0/name").asText());
        assertEquals("2025-11-08.1", first.at("/models/0/version").asText());

        JsonNode second = mapper.readTree(requestLines.get(1));
        assertEquals("new", second.get("customer_type").asText());
        assertEquals(hashes.hash(newcomer), second.get("customer").asText());
        String generatedId = responses.get(1).headers().firstValue("X-Request-Id").orElseThrow();
        assertEquals(generatedId, second.get("request_id").asText());
        assertEquals(400, mapper.readTree(requestLines.get(2)).get("status").asInt());
        JsonNode search = mapper.readTree(requestLines.get(3));
        assertEquals("/api/v1/search", search.get("path").asText());
        assertEquals(hashes.hash(existing), search.get("customer").asText());
        JsonNode refused = mapper.readTree(requestLines.get(4));
        assertEquals(401, refused.get("status").asInt());
        assertFalse(refused.has("customer"), "a search refused before it was read names no customer: " + refused);
    }
}
