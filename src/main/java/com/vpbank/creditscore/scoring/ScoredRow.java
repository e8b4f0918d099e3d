package com.vpbank.creditscore.scoring;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A scored line of a batch input: the answered score (the mean for an existing customer, the
 * XGBoost score for a new one), its credit group, and the models and reasons as the predict
 * answer gives them.
 */
@JsonPropertyOrder({"row", "customer_id", "customer_type", "credit_score", "credit_group", "models", "reasons"})
public record ScoredRow(long row, String customerId, String customerType, double creditScore, String creditGroup,
                        List<ModelResult> models, List<Reason> reasons) {
}
