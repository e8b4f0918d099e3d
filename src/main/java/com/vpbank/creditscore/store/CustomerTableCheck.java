package com.vpbank.creditscore.store;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Readiness: DOWN while the customer table does not answer, since no request can then be
 * served. A DescribeTable call, within the client's call time-out.
 */
public final class CustomerTableCheck extends AbstractHealthCheck {

    private final DynamoDbClient client;
    private final String table;

    public CustomerTableCheck(DynamoDbClient client, String table) {
        super("credit-score", "customer-table");
        this.client = client;
        this.table = table;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("table", table);
        try {
            client.describeTable(request -> request.tableName(table));
            builder.up();
        } catch (SdkException e) {
            builder.down().detail("reason", "The customer table does not answer (" + e.getClass().getSimpleName() + ").");
        }
    }
}
