package com.vpbank.creditscore;

import static com.vpbank.creditscore.PackagedService.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The packaged service killed (SIGKILL) once a prediction is scored and its write is on the
 * wire: the write, held in a proxy in front of DynamoDB Local, goes on after the process is
 * gone. What the tables hold is one whole prediction, never a history record that the
 * customer's latest and the Idempotency-Key's answer do not name; and a new process answers
 * the client's retry with that prediction.
 */
class ServiceKillIT {

    @Test
    void aKillBetweenScoringAndStoringLeavesNoOrphanRecord(@TempDir Path work) throws Exception {
        String run = UUID.randomUUID().toString();
        Map<String, String> tables = Map.of(
                "CUSTOMER_TABLE_NAME", "customers-" + run,
                "PREDICTION_HISTORY_TABLE_NAME", "history-" + run,
                "IDEMPOTENCY_TABLE_NAME", "idempotency-" + run,
                "DYNAMODB_CREATE_TABLES", "true",
                "MODELS_DIR", Path.of("models").toAbsolutePath().toString());
        String customerId = "NEW-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();

        try (DynamoDbFaultProxy proxy = new DynamoDbFaultProxy(RunningService.dynamoDbLocal().endpoint(), Duration.ZERO);
             DynamoDbClient dynamo = RunningService.client(RunningService.dynamoDbLocal().endpoint())) {
            Map<String, String> settings = new HashMap<>(tables);
            settings.put("DYNAMODB_ENDPOINT_URL", proxy.endpoint().toString());
            PackagedService first = PackagedService.start(work.resolve("first"), settings);
            first.await("ready", () -> first.status(first.management("/observe/health/ready")) == 200);

            // The prediction's write is held in the proxy: the kill point.
            proxy.inject("TransactWriteItems", "history-" + run, DynamoDbFaultProxy.Fault.HELD, 1);
            CompletableFuture<HttpResponse<String>> lost = CompletableFuture.supplyAsync(() ->
                    first.predict(customerId, DemoFeatures.NEW, "Idempotency-Key", key));
            assertTrue(proxy.awaitHeld(Duration.ofSeconds(60)), "the prediction's write reached the proxy");
            first.kill();
            proxy.clear();
            proxy.sendHeld();
            assertTrue(lost.handle((answer, failure) -> failure != null).get(), "the killed process answered nothing");

            List<Map<String, AttributeValue>> history = dynamo.queryPaginator(request -> request
                    .tableName("history-" + run).consistentRead(true)
                    .keyConditionExpression("customer_id = :id")
                    .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(customerId)))).items().stream().toList();
            Map<String, AttributeValue> customer = dynamo.getItem(request -> request.tableName("customers-" + run)
                    .consistentRead(true).key(Map.of("customer_id", AttributeValue.fromS(customerId)))).item();
            for (Map<String, AttributeValue> record : history) {
                assertEquals(record.get("prediction_id"), customer.get("prediction_id"),
                        "the latest names the stored record");
            }

            try (PackagedService second = PackagedService.start(work.resolve("second"), settings)) {
                second.await("ready", () -> second.status(second.management("/observe/health/ready")) == 200);
                HttpResponse<String> retry = second.predict(customerId, DemoFeatures.NEW, "Idempotency-Key", key);

                // The claim of the killed request holds for IDEMPOTENCY_CLAIM_SECONDS unless its
                // transaction landed; here it did, so the retry gets the stored answer at once.
                assertEquals(200, retry.statusCode(), retry.body());
                assertEquals(1, history.size(), "the whole prediction landed");
                assertEquals(history.get(0).get("prediction_id").s(), json(retry).get("prediction_id").asText());
            }
        }
    }
}
