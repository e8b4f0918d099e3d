package com.vpbank.creditscore.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vpbank.creditscore.store.EmbeddedDynamoDb;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The load harness's DynamoDB for the Flask reconstruction: both tables, each seeded customer once. */
class SeededDynamoDbTest {

    @Test
    void createsBothTablesAndSeedsEachListedCustomerOnce() {
        try (EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start(null, 0, Path.of("target/native"));
             DynamoDbClient client = EmbeddedDynamoDb.localClient(dynamo.endpoint())) {

            int seeded = SeededDynamoDb.createAndSeed(client, "customers", "history", "BENCH000001, BENCH000002,,");

            assertEquals(2, seeded);
            assertTrue(client.listTables().tableNames().containsAll(List.of("customers", "history")));
            List<Map<String, AttributeValue>> items = client.scan(scan -> scan.tableName("customers")).items();
            assertEquals(List.of("BENCH000001", "BENCH000002"),
                    items.stream().map(item -> item.get("customer_id").s()).sorted().collect(Collectors.toList()));
            assertEquals(0, client.scan(scan -> scan.tableName("history")).count());
        }
    }
}
