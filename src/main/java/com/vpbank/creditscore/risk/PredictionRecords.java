package com.vpbank.creditscore.risk;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads one stored decision back: the history record of a customer's prediction, by its id. */
public final class PredictionRecords {

    private final DynamoDbClient client;
    private final String historyTable;

    public PredictionRecords(DynamoDbClient client, String historyTable) {
        this.client = client;
        this.historyTable = historyTable;
    }

    /** The history record of the prediction, when the customer has one with that id. */
    public Optional<Map<String, AttributeValue>> find(String customerId, String predictionId) {
        return client.queryPaginator(request -> request.tableName(historyTable).consistentRead(true)
                        .keyConditionExpression("customer_id = :customer")
                        .filterExpression("prediction_id = :prediction")
                        .expressionAttributeValues(Map.of(":customer", AttributeValue.fromS(customerId),
                                ":prediction", AttributeValue.fromS(predictionId))))
                .items().stream().findFirst();
    }
}
