package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.vpbank.creditscore.DynamoDbFaultProxy.Fault;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The challenger's shadow write behind the fault proxy in front of DynamoDB Local: a write
 * whose every answer is lost lands all the same, and is counted as stored, not as an error;
 * a write that DynamoDB refuses is an error.
 */
class ShadowWriteFaultsTest {

    private static final int EVERY_ATTEMPT = Integer.MAX_VALUE;

    private static DynamoDbFaultProxy proxy;
    private static RunningService service;

    @BeforeAll
    static void start() throws IOException {
        proxy = new DynamoDbFaultProxy(RunningService.dynamoDbLocal().endpoint(), Duration.ofMillis(1500));
        service = RunningService.start(Map.of(
                "creditscore.dynamodb.endpoint", proxy.endpoint().toString(),
                "creditscore.dynamodb.attempt-timeout-ms", "300",
                "creditscore.dynamodb.call-timeout-ms", "1000",
                "creditscore.challenger.dir", Path.of("models").toString()));
        service.awaitChallenger();
    }

    @AfterAll
    static void stop() {
        service.close();
        proxy.close();
    }

    @Test
    void aShadowWriteWhoseAnswersAreLostButThatLandedIsCountedAsStored() throws Exception {
        JsonNode before = compare();
        proxy.inject("PutItem", service.shadowTable(), Fault.ANSWER_LOST, EVERY_ATTEMPT);
        try {
            String predictionId = predict();
            awaitCompare(before, "shadowed", 1);
            assertEquals(before.get("errors").asLong(), compare().get("errors").asLong(), compare().toString());
            assertTrue(service.shadowRecords().stream()
                    .anyMatch(item -> item.get("prediction_id").s().equals(predictionId)), "the record landed");
        } finally {
            proxy.clear();
        }
    }

    @Test
    void aShadowWriteThatDynamoDbRefusesIsAnError() throws Exception {
        JsonNode before = compare();
        proxy.inject("PutItem", service.shadowTable(), Fault.SERVER_ERROR, EVERY_ATTEMPT);
        try {
            String predictionId = predict();
            awaitCompare(before, "errors", 1);
            assertEquals(before.get("shadowed").asLong(), compare().get("shadowed").asLong(), compare().toString());
            assertTrue(service.shadowRecords().stream()
                    .noneMatch(item -> item.get("prediction_id").s().equals(predictionId)), "nothing landed");
        } finally {
            proxy.clear();
        }
    }

    private static String predict() {
        HttpResponse<String> answer = service.post("/api/v1/predict", "{\"customer_id\": \"NEW-" + UUID.randomUUID()
                + "\", \"features\": {" + DemoFeatures.NEW + "}}");
        assertEquals(200, answer.statusCode(), answer.body());
        return service.json(answer).get("prediction_id").asText();
    }

    private static JsonNode compare() {
        HttpResponse<String> response = service.get("/models/compare");
        assertEquals(200, response.statusCode(), response.body());
        return service.json(response);
    }

    private static void awaitCompare(JsonNode before, String field, long more) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (compare().get(field).asLong() >= before.get(field).asLong() + more) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(field + " did not grow: " + compare());
    }
}
