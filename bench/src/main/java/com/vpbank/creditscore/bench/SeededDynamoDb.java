package com.vpbank.creditscore.bench;

import static com.vpbank.creditscore.bench.DirectBaselineServer.env;

import com.vpbank.creditscore.store.EmbeddedDynamoDb;
import com.vpbank.creditscore.store.ServiceTables;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The load harness's DynamoDB in a JVM of its own, shared by its targets (the service,
 * the direct baseline, the Flask reconstruction), so that each target's CPU is its own:
 * DynamoDB Local in memory on {@code DYNAMODB_LOCAL_PORT}, with the customer and history
 * tables and the {@code DEMO_CUSTOMERS} seeded, as the service's embedded default has them.
 */
public final class SeededDynamoDb {

    private static final Logger LOG = LoggerFactory.getLogger(SeededDynamoDb.class);

    private SeededDynamoDb() {
    }

    /** Creates the customer and history tables and seeds the comma-separated customer ids; returns how many. */
    static int createAndSeed(DynamoDbClient client, String customerTable, String historyTable, String customerIds) {
        ServiceTables tables = new ServiceTables(client);
        tables.createCustomerTable(customerTable);
        tables.createHistoryTable(historyTable);
        return tables.seedCustomers(customerTable, customerIds);
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(env("DYNAMODB_LOCAL_PORT", "18380"));
        EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start(null, port,
                Path.of(env("SQLITE4JAVA_LIBRARY_PATH", "target/native")));
        DynamoDbClient client = EmbeddedDynamoDb.localClient(dynamo.endpoint());
        int seeded = createAndSeed(client, env("CUSTOMER_TABLE_NAME", "vpbank-customers"),
                env("PREDICTION_HISTORY_TABLE_NAME", "vpbank-prediction-history"), env("DEMO_CUSTOMERS", "CUS123456"));
        client.close();
        LOG.info("DynamoDB Local ready on {} ({} customers seeded)", dynamo.endpoint(), seeded);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dynamo.close();
            stopped.countDown();
        }));
        stopped.await();
    }
}
