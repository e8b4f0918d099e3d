package com.vpbank.creditscore.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vpbank.creditscore.store.HistoryQueries;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Builds the search answer: the customer's latest prediction from the customer item, and a
 * page of the prediction history, newest first; or the not-found answer when the customer
 * has no item.
 */
public final class SearchAnswers {

    private static final List<String> HISTORY_FIELDS = List.of("prediction_id", "timestamp", "customer_type",
            "credit_score", "prediction_type", "models_used", "raw_predictions", "reasons", "features");

    private final ObjectMapper mapper;
    private final HistoryQueries queries;

    public SearchAnswers(ObjectMapper mapper, HistoryQueries queries) {
        this.mapper = mapper;
        this.queries = queries;
    }

    public ObjectNode answer(SearchRequest search, Map<String, AttributeValue> customer,
                             List<Map<String, AttributeValue>> history) {
        ObjectNode answer = mapper.createObjectNode();
        answer.put("customer_id", search.customerId());
        if (customer == null || customer.isEmpty()) {
            answer.put("found", false);
            answer.put("message", "Customer not found in database");
            return answer;
        }
        answer.put("found", true);
        JsonNode stored = toJson(customer);
        if (stored.has("prediction_timestamp")) {
            ObjectNode latest = answer.putObject("latest_prediction");
            latest.set("timestamp", stored.get("prediction_timestamp"));
            latest.set("credit_score", stored.get("credit_score"));
            latest.set("prediction_type", stored.get("prediction_type"));
            latest.set("models_used", stored.get("models_used"));
            latest.set("raw_predictions", stored.get("raw_predictions"));
            if (stored.has("reasons")) {
                latest.set("reasons", stored.get("reasons"));
            }
            latest.set("prediction_id", stored.get("prediction_id"));
        } else {
            answer.putNull("latest_prediction");
        }
        List<Map<String, AttributeValue>> records = history == null ? List.of() : history;
        ArrayNode page = answer.putArray("history");
        records.stream().limit(search.limit()).forEach(item -> page.add(historyRecord(item)));
        String next = queries.next(search, records);
        if (next != null) {
            answer.put("next", next);
        }
        return answer;
    }

    private ObjectNode historyRecord(Map<String, AttributeValue> item) {
        JsonNode stored = toJson(item);
        ObjectNode record = mapper.createObjectNode();
        for (String field : HISTORY_FIELDS) {
            JsonNode value = stored.get(field.equals("timestamp") ? "prediction_timestamp" : field);
            if (value != null) {
                record.set(field, value);
            }
        }
        return record;
    }

    private JsonNode toJson(Map<String, AttributeValue> item) {
        try {
            return mapper.readTree(EnhancedDocument.fromAttributeValueMap(item).toJson());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
