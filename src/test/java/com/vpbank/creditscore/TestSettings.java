package com.vpbank.creditscore;

import com.vpbank.creditscore.security.ApiKeys;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The settings every test that starts the service uses: free ports, the tests' DynamoDB
 * Local with tables of the run's own, and the tests' API key in both roles.
 */
public final class TestSettings {

    /** The key every request of the tests carries unless a test sends its own; it holds both roles. */
    public static final String API_KEY = "test-key-both-roles";

    private TestSettings() {
    }

    /** A new set: ports and table names of their own. */
    public static Map<String, String> forRun() {
        String run = UUID.randomUUID().toString();
        Map<String, String> properties = new HashMap<>();
        properties.put("camel.server.port", Integer.toString(RunningService.freePort()));
        properties.put("camel.management.port", Integer.toString(RunningService.freePort()));
        properties.put("creditscore.dynamodb.endpoint", RunningService.dynamoDbLocal().endpoint().toString());
        properties.put("creditscore.dynamodb.create-tables", "true");
        properties.put("creditscore.customer-table", "customers-" + run);
        properties.put("creditscore.history-table", "history-" + run);
        properties.put("creditscore.idempotency-table", "idempotency-" + run);
        properties.put("creditscore.shadow-table", "shadow-" + run);
        properties.put("creditscore.portfolio.run-table", "portfolio-runs-" + run);
        properties.put("creditscore.audit-table", "audit-" + run);
        properties.put("creditscore.outcome-table", "outcomes-" + run);
        properties.put("creditscore.models.archive-dir", "target/model-archive/" + run);
        String hash = ApiKeys.sha256Hex(API_KEY);
        properties.put("creditscore.api-keys", "scorer:" + hash + ",admin:" + hash);
        return properties;
    }
}
