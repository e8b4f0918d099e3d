package com.vpbank.creditscore.store;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Creates the customer table where the service owns its database (DynamoDB Local), and
 * seeds the demo customers of the embedded default. Against real DynamoDB the tables are
 * provisioned outside the service and this class is not used.
 */
public final class CustomerTables {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerTables.class);

    private final DynamoDbClient client;

    public CustomerTables(DynamoDbClient client) {
        this.client = client;
    }

    /** Creates the table keyed by {@code customer_id} unless it exists. */
    public void createCustomerTable(String tableName) {
        try {
            client.createTable(request -> request
                    .tableName(tableName)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder()
                            .attributeName(PredictionItems.CUSTOMER_ID)
                            .attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder()
                            .attributeName(PredictionItems.CUSTOMER_ID)
                            .keyType(KeyType.HASH).build()));
            client.waiter().waitUntilTableExists(request -> request.tableName(tableName));
            LOG.info("Created table {}", tableName);
        } catch (ResourceInUseException exists) {
            LOG.debug("Table {} exists", tableName);
        }
    }

    /** Stores a customer with no prediction yet, unless the customer is already there. */
    public void seedCustomer(String tableName, String customerId) {
        try {
            client.putItem(request -> request
                    .tableName(tableName)
                    .item(Map.of(PredictionItems.CUSTOMER_ID, AttributeValue.fromS(customerId)))
                    .conditionExpression("attribute_not_exists(customer_id)"));
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException present) {
            LOG.debug("Customer already seeded");
        }
    }
}
