package com.vpbank.creditscore.store;

import com.vpbank.creditscore.scoring.ModelResult;
import com.vpbank.creditscore.scoring.Prediction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps predictions to DynamoDB items: the customer table's item holds the latest
 * prediction of a customer, keyed by {@code customer_id}. Numbers are stored as {@code N}.
 */
public final class PredictionItems {

    public static final String CUSTOMER_ID = "customer_id";

    /** The key of a customer's item. */
    public Map<String, AttributeValue> key(String customerId) {
        return Map.of(CUSTOMER_ID, AttributeValue.fromS(customerId));
    }

    /** The customer item that records a prediction as the customer's latest. */
    public Map<String, AttributeValue> latest(@Body Prediction prediction) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(CUSTOMER_ID, AttributeValue.fromS(prediction.customerId()));
        item.put("prediction_id", AttributeValue.fromS(prediction.predictionId()));
        item.put("prediction_timestamp", AttributeValue.fromS(prediction.timestamp()));
        item.put("credit_score", number(prediction.creditScore()));
        item.put("models_used", AttributeValue.fromL(prediction.rawPredictions().stream()
                .filter(ModelResult::succeeded)
                .map(result -> AttributeValue.fromS(result.model()))
                .toList()));
        item.put("prediction_type", AttributeValue.fromS(prediction.predictionType()));
        item.put("raw_predictions", AttributeValue.fromL(rawPredictions(prediction.rawPredictions())));
        return item;
    }

    private static List<AttributeValue> rawPredictions(List<ModelResult> results) {
        return results.stream().map(PredictionItems::rawPrediction).toList();
    }

    private static AttributeValue rawPrediction(ModelResult result) {
        Map<String, AttributeValue> entry = new LinkedHashMap<>();
        entry.put("model", AttributeValue.fromS(result.model()));
        if (result.succeeded()) {
            entry.put("score", number(result.score()));
            entry.put("score_scaled", number(result.scoreScaled()));
            entry.put("version", AttributeValue.fromS(result.version()));
        } else {
            entry.put("error", AttributeValue.fromS(result.error()));
        }
        return AttributeValue.fromM(entry);
    }

    private static AttributeValue number(double value) {
        return AttributeValue.fromN(Double.toString(value));
    }
}
