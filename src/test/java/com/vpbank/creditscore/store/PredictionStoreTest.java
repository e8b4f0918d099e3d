package com.vpbank.creditscore.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vpbank.creditscore.RunningService;
import com.vpbank.creditscore.scoring.NewCustomerPrediction;
import com.vpbank.creditscore.scoring.PredictRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The prediction's transaction against DynamoDB Local, without Camel. */
class PredictionStoreTest {

    private static final String RUN = UUID.randomUUID().toString();
    private static final String CUSTOMERS = "customers-" + RUN;
    private static final String HISTORY = "history-" + RUN;
    private static final String KEYS = "idempotency-" + RUN;

    private static DynamoDbClient client;
    private static IdempotencyKeys keys;
    private static PredictionStore store;

    @BeforeAll
    static void tables() {
        client = RunningService.client(RunningService.dynamoDbLocal().endpoint());
        ServiceTables tables = new ServiceTables(client);
        tables.createCustomerTable(CUSTOMERS);
        tables.createHistoryTable(HISTORY);
        tables.createIdempotencyTable(KEYS);
        keys = new IdempotencyKeys(client, KEYS, new ObjectMapper(), Clock.systemUTC(), Duration.ofHours(1),
                Duration.ofSeconds(60));
        store = new PredictionStore(client, CUSTOMERS, HISTORY, new PredictionItems(), keys);
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void anOlderPredictionIsStoredInTheHistoryAndLeavesTheNewerAsLatest() {
        String customer = "CUS-" + UUID.randomUUID();
        store.store(prediction(customer, "2026-11-30T10:00:00.002Z", 700), request(customer), null, 0);
        store.store(prediction(customer, "2026-11-30T10:00:00.001Z", 600), request(customer), null, 0);

        assertEquals(2, history(customer).size());
        assertEquals("700.0", latest(customer).get("credit_score").n());
    }

    @Test
    void theSameTransactionSentAgainAfterItLandedStoresNothingMore() {
        String customer = "CUS-" + UUID.randomUUID();
        NewCustomerPrediction prediction = prediction(customer, "2026-11-30T10:00:00.000Z", 650);
        store.store(prediction, request(customer), null, 0);
        store.store(prediction, request(customer), null, 0);

        assertEquals(1, history(customer).size());
        assertEquals(prediction.predictionId(), latest(customer).get("prediction_id").s());
    }

    @Test
    void aClaimThatIsNoLongerTheRequestsStoresNothing() {
        String customer = "CUS-" + UUID.randomUUID();
        IdempotencyKeys.Claim notClaimed = new IdempotencyKeys.Claim("key-" + UUID.randomUUID(), "another-owner");

        PredictionNotStoredException refused = assertThrows(PredictionNotStoredException.class, () ->
                store.store(prediction(customer, "2026-11-30T10:00:00.000Z", 650), request(customer), notClaimed, 0));

        assertEquals("no", refused.stored());
        assertEquals(List.of(), history(customer));
        assertEquals(Map.of(), latest(customer));
    }

    private static NewCustomerPrediction prediction(String customer, String timestamp, double score) {
        return new NewCustomerPrediction(customer, score, 0.5, "xgboost", "v1", "Fair", UUID.randomUUID().toString(),
                timestamp, List.of());
    }

    private static PredictRequest request(String customer) {
        return new PredictRequest(customer, Map.of("xgboost", new float[] {0.5f, 0.8f}), null);
    }

    private static List<Map<String, AttributeValue>> history(String customer) {
        return client.query(request -> request.tableName(HISTORY).consistentRead(true)
                .keyConditionExpression("customer_id = :id")
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(customer)))).items();
    }

    private static Map<String, AttributeValue> latest(String customer) {
        return client.getItem(request -> request.tableName(CUSTOMERS).consistentRead(true)
                .key(Map.of("customer_id", AttributeValue.fromS(customer)))).item();
    }
}
