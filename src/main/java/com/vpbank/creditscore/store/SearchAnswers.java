package com.vpbank.creditscore.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Builds the search answer from a customer's item, or the not-found answer when there is none. */
public final class SearchAnswers {

    private final ObjectMapper mapper;

    public SearchAnswers(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectNode answer(String customerId, Map<String, AttributeValue> item) {
        ObjectNode answer = mapper.createObjectNode();
        answer.put("customer_id", customerId);
        if (item == null || item.isEmpty()) {
            answer.put("found", false);
            answer.put("message", "Customer not found in database");
            return answer;
        }
        answer.put("found", true);
        JsonNode stored = toJson(item);
        if (stored.has("prediction_timestamp")) {
            ObjectNode latest = answer.putObject("latest_prediction");
            latest.set("timestamp", stored.get("prediction_timestamp"));
            latest.set("credit_score", stored.get("credit_score"));
            latest.set("prediction_type", stored.get("prediction_type"));
            latest.set("models_used", stored.get("models_used"));
            latest.set("raw_predictions", stored.get("raw_predictions"));
        } else {
            answer.putNull("latest_prediction");
        }
        return answer;
    }

    private JsonNode toJson(Map<String, AttributeValue> item) {
        try {
            return mapper.readTree(EnhancedDocument.fromAttributeValueMap(item).toJson());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
