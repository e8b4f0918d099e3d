package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.vpbank.creditscore.store.EmbeddedDynamoDb;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DynamoDB failing under the service: a DynamoDB Local of the test's own is stopped
 * mid-test and started again on the same port and data.
 */
class DatabaseFailureTest {

    @Test
    void lookupFailureAnswers503ThenTheServiceRecovers(@TempDir Path data) {
        EmbeddedDynamoDb database = EmbeddedDynamoDb.start(data, 0, Path.of("target/native"));
        int port = database.port();
        try (RunningService service = RunningService.start(Map.of(
                "creditscore.dynamodb.endpoint", database.endpoint().toString()))) {
            String customerId = service.existingCustomer();
            assertEquals(200, predict(service, customerId).statusCode());

            database.close();
            long start = System.nanoTime();
            HttpResponse<String> predict = predict(service, customerId);
            long millis = (System.nanoTime() - start) / 1_000_000;
            HttpResponse<String> search = service.get("/api/v1/search?customer_id=" + customerId);
            HttpResponse<String> health = service.get("/health");

            assertEquals(503, predict.statusCode(), predict.body());
            JsonNode answer = service.json(predict);
            assertEquals("The customer database is unavailable; try again later.", answer.get("error").asText());
            assertFalse(answer.has("score") || answer.has("aggregated_score") || answer.has("customer_type"));
            assertTrue(millis < 5_000, "answered within the DynamoDB time budget, took " + millis + " ms");
            assertEquals(503, search.statusCode(), search.body());
            assertEquals(503, health.statusCode(), health.body());
            assertEquals("unhealthy", service.json(health).get("status").asText());
            HttpResponse<String> ready = service.sendAsIs(HttpRequest.newBuilder(service.managementUri("/observe/health/ready")));
            assertEquals(503, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("{\"name\":\"customer-table\",\"status\":\"DOWN\""), ready.body());
            String tableReason = readinessReason(service.json(ready), "customer-table");
            assertTrue(tableReason.startsWith("The customer table does not answer"), ready.body());
            // Each answer makes its own call: a refused connection or the call's time budget,
            // whichever comes first, names the exception; what they say is the same.
            List<String> healthProblems = problems(service.json(health));
            assertEquals(1, healthProblems.size(), "/health says what readiness says: " + healthProblems);
            assertTrue(healthProblems.get(0).startsWith("The customer table does not answer"),
                    "/health says what readiness says: " + healthProblems);
            assertEquals(200, service.sendAsIs(HttpRequest.newBuilder(service.managementUri("/observe/health/live")))
                    .statusCode(), "a database outage is no reason to restart the service");

            database = EmbeddedDynamoDb.start(data, port, Path.of("target/native"));
            HttpResponse<String> recovered = predict(service, customerId);

            assertEquals(200, recovered.statusCode(), recovered.body());
            assertEquals("existing", service.json(recovered).get("customer_type").asText());
            assertEquals(2, service.history(customerId).size(), "the failed request stored nothing");
            assertEquals(200, service.get("/health").statusCode());
            assertEquals(200, service.sendAsIs(HttpRequest.newBuilder(service.managementUri("/observe/health/ready")))
                    .statusCode());
        } finally {
            database.close();
        }
    }

    /** The reason a check of a MicroProfile Health answer gives in its data. */
    private static String readinessReason(JsonNode readiness, String check) {
        for (JsonNode entry : readiness.get("checks")) {
            if (entry.get("name").asText().equals(check)) {
                return entry.path("data").path("reason").asText();
            }
        }
        throw new AssertionError("no check " + check + " in " + readiness);
    }

    private static List<String> problems(JsonNode health) {
        List<String> problems = new ArrayList<>();
        health.path("problems").forEach(problem -> problems.add(problem.asText()));
        return problems;
    }

    @Test
    void failedWriteAnswers503WithNoScoreAndLeavesTheCustomerAsItWas() {
        try (RunningService service = RunningService.start()) {
            String customerId = service.existingCustomer();
            service.dynamo().deleteTable(request -> request.tableName(service.historyTable()));

            HttpResponse<String> response = predict(service, customerId);

            assertEquals(503, response.statusCode(), response.body());
            JsonNode answer = service.json(response);
            assertFalse(answer.has("aggregated_score") || answer.has("score"));
            assertEquals(Map.of("customer_id", service.customerItem(customerId).get("customer_id")),
                    service.customerItem(customerId), "no prediction stored on the customer");
        }
    }

    private static HttpResponse<String> predict(RunningService service, String customerId) {
        return service.post("/api/v1/predict", ScoringServiceTest.predictBody(customerId, DemoFeatures.ALL));
    }
}
