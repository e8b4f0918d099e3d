package com.vpbank.creditscore.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Creates the service's tables where it owns its database (DynamoDB Local), and seeds the
 * demo customers of the embedded default. Against real DynamoDB the tables are provisioned
 * outside the service, with the same keys:
 * <ul>
 *   <li>customers: {@code customer_id} (S);</li>
 *   <li>prediction history: {@code customer_id} (S) + {@code prediction_key} (S), TTL on {@code retain_until};</li>
 *   <li>idempotency keys: {@code idempotency_key} (S), TTL on {@code expires_at};</li>
 *   <li>shadow predictions (with a challenger): {@code prediction_id} (S), TTL on {@code expires_at};</li>
 *   <li>portfolio runs: {@code run_id} (S) + {@code item} (S);</li>
 *   <li>the models' audit trail: {@code trail} (S) + {@code event_key} (S);</li>
 *   <li>outcomes: {@code prediction_id} (S).</li>
 * </ul>
 */
public final class ServiceTables {

    /** Set-up calls run once, before traffic: they may take longer than a request's calls. */
    private static final AwsRequestOverrideConfiguration SET_UP = AwsRequestOverrideConfiguration.builder()
            .apiCallTimeout(Duration.ofSeconds(60))
            .apiCallAttemptTimeout(Duration.ofSeconds(30))
            .build();

    private static final Logger LOG = LoggerFactory.getLogger(ServiceTables.class);

    private final DynamoDbClient client;

    public ServiceTables(DynamoDbClient client) {
        this.client = client;
    }

    public void createCustomerTable(String tableName) {
        create(tableName, PredictionItems.CUSTOMER_ID, null);
    }

    /** The history table, with TTL on {@code retain_until}: a record goes once its retention has passed. */
    public void createHistoryTable(String tableName) {
        if (create(tableName, PredictionItems.CUSTOMER_ID, PredictionItems.PREDICTION_KEY)) {
            client.updateTimeToLive(request -> request.overrideConfiguration(SET_UP)
                    .tableName(tableName)
                    .timeToLiveSpecification(ttl -> ttl.enabled(true).attributeName(PredictionItems.RETAIN_UNTIL)));
        }
    }

    /** Portfolio runs: {@code run_id} (S) + {@code item} (S). */
    public void createPortfolioRunTable(String tableName) {
        create(tableName, "run_id", "item");
    }

    public void createIdempotencyTable(String tableName) {
        if (create(tableName, IdempotencyKeys.KEY, null)) {
            client.updateTimeToLive(request -> request.overrideConfiguration(SET_UP)
                    .tableName(tableName)
                    .timeToLiveSpecification(ttl -> ttl.enabled(true).attributeName(IdempotencyKeys.EXPIRES_AT)));
        }
    }

    public void createShadowTable(String tableName) {
        if (create(tableName, ShadowItems.PREDICTION_ID, null)) {
            client.updateTimeToLive(request -> request.overrideConfiguration(SET_UP)
                    .tableName(tableName)
                    .timeToLiveSpecification(ttl -> ttl.enabled(true).attributeName(ShadowItems.EXPIRES_AT)));
        }
    }

    /** The models' audit trail: {@code trail} (S) + {@code event_key} (S); the service only appends to it. */
    public void createAuditTable(String tableName) {
        create(tableName, "trail", "event_key");
    }

    /** Observed outcomes: {@code prediction_id} (S), one per prediction. */
    public void createOutcomeTable(String tableName) {
        create(tableName, "prediction_id", null);
    }

    /**
     * Stores each customer of a comma-separated list of ids, unless already there;
     * blank entries are skipped. Returns how many customers the list named.
     */
    public int seedCustomers(String tableName, String customerIds) {
        int listed = 0;
        for (String customerId : customerIds.split(",")) {
            if (!customerId.isBlank()) {
                seedCustomer(tableName, customerId.trim());
                listed++;
            }
        }
        return listed;
    }

    /** Stores a customer with no prediction yet, unless the customer is already there. */
    private void seedCustomer(String tableName, String customerId) {
        try {
            client.putItem(request -> request.overrideConfiguration(SET_UP)
                    .tableName(tableName)
                    .item(Map.of(PredictionItems.CUSTOMER_ID, AttributeValue.fromS(customerId)))
                    .conditionExpression("attribute_not_exists(customer_id)"));
        } catch (ConditionalCheckFailedException present) {
            LOG.debug("Demo customer already stored");
        }
    }

    private boolean create(String tableName, String hashKey, String rangeKey) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        List<KeySchemaElement> keys = new ArrayList<>();
        attributes.add(AttributeDefinition.builder().attributeName(hashKey).attributeType(ScalarAttributeType.S).build());
        keys.add(KeySchemaElement.builder().attributeName(hashKey).keyType(KeyType.HASH).build());
        if (rangeKey != null) {
            attributes.add(AttributeDefinition.builder().attributeName(rangeKey).attributeType(ScalarAttributeType.S).build());
            keys.add(KeySchemaElement.builder().attributeName(rangeKey).keyType(KeyType.RANGE).build());
        }
        try {
            client.createTable(request -> request.overrideConfiguration(SET_UP)
                    .tableName(tableName)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attributes)
                    .keySchema(keys));
            client.waiter().waitUntilTableExists(request -> request.overrideConfiguration(SET_UP).tableName(tableName));
            LOG.info("Created table {}", tableName);
            return true;
        } catch (ResourceInUseException exists) {
            LOG.debug("Table {} exists", tableName);
            return false;
        }
    }
}
