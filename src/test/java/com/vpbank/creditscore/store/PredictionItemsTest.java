package com.vpbank.creditscore.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vpbank.creditscore.scoring.ExistingCustomerPrediction;
import com.vpbank.creditscore.scoring.ModelResult;
import com.vpbank.creditscore.scoring.NewCustomerPrediction;
import com.vpbank.creditscore.scoring.PredictRequest;
import com.vpbank.creditscore.scoring.Reason;
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
                1, "Good", "id-1", "2025-11-08T10:30:00.123Z", List.of());

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
        assertEquals(List.of(), item.get("reasons").l());
    }

    @Test
    void reasonsAreStoredInOrderWithTheirNumbersAndAModelEntrySaysWhereThereAreNone() {
        ExistingCustomerPrediction prediction = new ExistingCustomerPrediction("CUS3", 610.5,
                List.of(ModelResult.scored("traditional", 650.0, 0.6, "v1").withReasonsUnavailable("No baseline."),
                        ModelResult.scored("social", 571.0, -0.1, "v1")),
                2, "Fair", "id-3", "2025-11-08T10:30:00.123Z",
                List.of(new Reason("S03", "community_score", "social", -12.25, "Community score is low"),
                        new Reason("online_activity", "online_activity", "social", -1.5, null)));

        Map<String, AttributeValue> item = items.history(prediction, new PredictRequest("CUS3",
                Map.of("social", new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.5f}), null));

        List<AttributeValue> reasons = item.get("reasons").l();
        assertEquals(2, reasons.size());
        assertEquals(Map.of("code", AttributeValue.fromS("S03"), "feature", AttributeValue.fromS("community_score"),
                "model", AttributeValue.fromS("social"), "impact", AttributeValue.fromN("-12.25"),
                "description", AttributeValue.fromS("Community score is low")), reasons.get(0).m());
        assertEquals(Map.of("code", AttributeValue.fromS("online_activity"),
                "feature", AttributeValue.fromS("online_activity"), "model", AttributeValue.fromS("social"),
                "impact", AttributeValue.fromN("-1.5")), reasons.get(1).m());
        assertEquals("No baseline.", item.get("raw_predictions").l().get(0).m().get("reasons_unavailable").s());
        assertFalse(item.get("raw_predictions").l().get(1).m().containsKey("reasons_unavailable"));
    }

    @Test
    void aPredictionWithoutReasonCodesStoresNullSoThatNoEarlierReasonsRemain() {
        NewCustomerPrediction prediction = new NewCustomerPrediction("CUS4", 680.5, 0.69, "xgboost", "v3",
                "Good", "id-4", "2025-11-08T10:30:00.123Z", null);

        assertEquals(AttributeValue.fromNul(true), items.latest(prediction).get("reasons"));
    }

    @Test
    void newCustomerItemHoldsTheXgboostScore() {
        NewCustomerPrediction prediction = new NewCustomerPrediction("CUS2", 680.5, 0.69, "xgboost", "v3",
                "Good", "id-2", "2025-11-08T10:30:00.123Z", List.of());

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
