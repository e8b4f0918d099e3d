package com.vpbank.creditscore.risk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * The outcome table: one item per prediction ({@code prediction_id}), written once. It holds
 * the observed outcome beside what the decision was, so that performance is computed from
 * this table alone: the answered score and credit group, each champion model's version and
 * score, and, for a shadowed prediction, the challenger's score and versions from the shadow
 * table.
 */
public final class OutcomeRecords {

    /** What became of a write: a new outcome, the same one again, or another one for the same prediction. */
    public enum Result { RECORDED, ALREADY_RECORDED, CONFLICTING }

    private final DynamoDbClient client;
    private final String table;
    private final String shadowTable;

    public OutcomeRecords(DynamoDbClient client, String table, String shadowTable) {
        this.client = client;
        this.table = table;
        this.shadowTable = shadowTable;
    }

    /** The outcome item of a prediction's history record, with its shadow record when there is one. */
    public Map<String, AttributeValue> item(Map<String, AttributeValue> history, boolean defaulted, String observedAt,
                                            String recordedAt) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        String predictionId = history.get("prediction_id").s();
        item.put("prediction_id", AttributeValue.fromS(predictionId));
        item.put("customer_id", history.get("customer_id"));
        item.put("defaulted", AttributeValue.fromBool(defaulted));
        item.put("observed_at", AttributeValue.fromS(observedAt));
        item.put("recorded_at", AttributeValue.fromS(recordedAt));
        item.put("prediction_timestamp", history.get("prediction_timestamp"));
        item.put("customer_type", history.get("customer_type"));
        item.put("credit_score", history.get("credit_score"));
        List<AttributeValue> champion = new ArrayList<>();
        for (AttributeValue entry : history.get("raw_predictions").l()) {
            Map<String, AttributeValue> model = entry.m();
            if (model.containsKey("score")) {
                champion.add(AttributeValue.fromM(Map.of("model", model.get("model"), "version", model.get("version"),
                        "score", model.get("score"))));
            }
        }
        item.put("champion", AttributeValue.fromL(champion));
        shadow(predictionId).ifPresent(shadow -> {
            if (shadow.containsKey("challenger_score")) {
                item.put("champion_score", shadow.get("champion_score"));
                item.put("champion_versions", shadow.get("champion_versions"));
                item.put("challenger_score", shadow.get("challenger_score"));
                item.put("challenger_versions", shadow.get("challenger_versions"));
            }
        });
        return item;
    }

    /** Writes the outcome unless the prediction has one: the same outcome again changes nothing. */
    public Result write(Map<String, AttributeValue> item) {
        try {
            client.putItem(request -> request.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(prediction_id)"));
            return Result.RECORDED;
        } catch (ConditionalCheckFailedException present) {
            Map<String, AttributeValue> stored = client.getItem(request -> request.tableName(table).consistentRead(true)
                    .key(Map.of("prediction_id", item.get("prediction_id")))).item();
            return stored.get("defaulted").bool().equals(item.get("defaulted").bool())
                    ? Result.ALREADY_RECORDED : Result.CONFLICTING;
        }
    }

    /** Every outcome of predictions made from {@code since} up to {@code until} (timestamps; empty: no bound). */
    public List<Map<String, AttributeValue>> between(String since, String until) {
        List<String> conditions = new ArrayList<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        if (!since.isEmpty()) {
            conditions.add("prediction_timestamp >= :since");
            values.put(":since", AttributeValue.fromS(since));
        }
        if (!until.isEmpty()) {
            conditions.add("prediction_timestamp < :until");
            values.put(":until", AttributeValue.fromS(until));
        }
        return client.scanPaginator(request -> {
            request.tableName(table).consistentRead(true);
            if (!conditions.isEmpty()) {
                request.filterExpression(String.join(" AND ", conditions)).expressionAttributeValues(values);
            }
        }).items().stream().toList();
    }

    private Optional<Map<String, AttributeValue>> shadow(String predictionId) {
        try {
            Map<String, AttributeValue> found = client.getItem(request -> request.tableName(shadowTable)
                    .consistentRead(true).key(Map.of("prediction_id", AttributeValue.fromS(predictionId)))).item();
            return found == null || found.isEmpty() ? Optional.empty() : Optional.of(found);
        } catch (ResourceNotFoundException noShadowTable) {
            return Optional.empty();
        }
    }
}
