package com.vpbank.creditscore.store;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;

/**
 * The DynamoDB query of a {@link HistoryQuery}, newest first: its key condition, its page
 * size and the key it starts after. A page asks for one record more than it answers, so that
 * {@code next} is given only when more records remain. Cursors are signed for the customer
 * (see {@link SearchCursors}).
 */
public final class HistoryQueries {

    private final SearchCursors cursors;

    public HistoryQueries(SearchCursors cursors) {
        this.cursors = cursors;
    }

    public Map<String, Condition> keyConditions(HistoryQuery query) {
        return Map.of(PredictionItems.CUSTOMER_ID, Condition.builder()
                .comparisonOperator(ComparisonOperator.EQ)
                .attributeValueList(AttributeValue.fromS(query.customerId()))
                .build());
    }

    public int pageSize(HistoryQuery query) {
        return query.limit() + 1;
    }

    /** The key the page starts after, from the cursor; {@code null} for the first page. */
    public Map<String, AttributeValue> startKey(HistoryQuery query) {
        if (query.cursor() == null) {
            return null;
        }
        String predictionKey = cursors.sortKey(query.customerId(), query.cursor());
        return Map.of(PredictionItems.CUSTOMER_ID, AttributeValue.fromS(query.customerId()),
                PredictionItems.PREDICTION_KEY, AttributeValue.fromS(predictionKey));
    }

    /** The cursor that continues after the last record of a page; {@code null} when none remain. */
    public String next(HistoryQuery query, List<Map<String, AttributeValue>> items) {
        if (items.size() <= query.limit()) {
            return null;
        }
        String lastKey = items.get(query.limit() - 1).get(PredictionItems.PREDICTION_KEY).s();
        return cursors.next(query.customerId(), lastKey);
    }
}
