package com.vpbank.creditscore.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vpbank.creditscore.scoring.ExistingCustomerPrediction;
import com.vpbank.creditscore.scoring.ModelResult;
import com.vpbank.creditscore.scoring.NewCustomerPrediction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class PredictionItemsTest {

    private final PredictionItems items = new PredictionItems();

    @Test
    void existingCustomerItemListsOnlyTheModelsThatScoredAsUsed() {
        ExistingCustomerPrediction prediction = new ExistingCustomerPrediction("CUS1", 720.25,
                List.of(ModelResult.failed("traditional", "Model traditional failed to score."),
                        ModelResult.scored("social", 720.25, 0.5, "v2")),
                1, "Good", "id-1", "2025-11-08T10:30:00.123Z");

        Map<String, AttributeValue> item = items.latest(prediction);

        assertEquals("CUS1", item.get("customer_id").s());
        assertEquals("720.25", item.get("credit_score").n());
        assertEquals("2025-11-08T10:30:00.123Z", item.get("prediction_timestamp").s());
        assertEquals(List.of(AttributeValue.fromS("social")), item.get("models_used").l());
        Map<String, AttributeValue> failed = item.get("raw_predictions").l().get(0).m();
        assertEquals("Model traditional failed to score.", failed.get("error").s());
        assertFalse(failed.containsKey("score"));
        Map<String, AttributeValue> scored = item.get("raw_predictions").l().get(1).m();
        assertEquals("0.5", scored.get("score_scaled").n());
        assertEquals("v2", scored.get("version").s());
    }

    @Test
    void newCustomerItemHoldsTheXgboostScore() {
        NewCustomerPrediction prediction = new NewCustomerPrediction("CUS2", 680.5, 0.69, "xgboost", "v3",
                "Good", "id-2", "2025-11-08T10:30:00.123Z");

        Map<String, AttributeValue> item = items.latest(prediction);

        assertEquals("new_customer_xgboost", item.get("prediction_type").s());
        assertEquals("680.5", item.get("credit_score").n());
        assertEquals(List.of(AttributeValue.fromS("xgboost")), item.get("models_used").l());
    }

    @Test
    void aGetItemWithoutAttributesFoundNoCustomer() {
        assertFalse(items.isItem(null));
        assertFalse(items.isItem(Map.of()));
        assertTrue(items.isItem(Map.of("customer_id", AttributeValue.fromS("CUS1"))));
    }
}
