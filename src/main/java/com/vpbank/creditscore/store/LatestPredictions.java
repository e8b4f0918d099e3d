package com.vpbank.creditscore.store;

import com.vpbank.creditscore.scoring.Prediction;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Records a prediction as the customer's latest, unless a newer one is there already: the
 * update carries the condition {@code prediction_timestamp <= :timestamp}, so concurrent
 * predictions for one customer leave the newest in place whatever order they land in. It
 * sets the prediction's attributes only, and leaves any other attribute of the customer
 * item as it is. (The aws2-ddb component takes only the legacy {@code Expected}
 * conditions, which cannot say "absent or older"; hence the SDK call here.)
 */
public final class LatestPredictions {

    private static final Logger LOG = LoggerFactory.getLogger(LatestPredictions.class);

    private final DynamoDbClient client;
    private final String customerTable;
    private final PredictionItems items;

    public LatestPredictions(DynamoDbClient client, String customerTable, PredictionItems items) {
        this.client = client;
        this.customerTable = customerTable;
        this.items = items;
    }

    /** Makes the prediction the customer's latest, unless a newer one is stored already. */
    public void store(@Body Prediction prediction) {
        Map<String, AttributeValue> attributes = items.predictionAttributes(prediction);
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, AttributeValue> attribute : attributes.entrySet()) {
            names.put("#a" + i, attribute.getKey());
            values.put(":v" + i, attribute.getValue());
            i++;
        }
        names.put("#ts", "prediction_timestamp");
        values.put(":ts", AttributeValue.fromS(prediction.timestamp()));
        String update = "SET " + names.keySet().stream()
                .filter(name -> !name.equals("#ts"))
                .map(name -> name + " = :v" + name.substring(2))
                .collect(Collectors.joining(", "));
        try {
            client.updateItem(request -> request
                    .tableName(customerTable)
                    .key(items.key(prediction.customerId()))
                    .updateExpression(update)
                    .conditionExpression("attribute_not_exists(#ts) OR #ts <= :ts")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException newerIsStored) {
            LOG.debug("A newer prediction is the customer's latest; this one is kept in the history");
        }
    }
}
