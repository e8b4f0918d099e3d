package com.vpbank.creditscore.scoring;

import java.util.List;

/** The aggregated score of an existing customer, from the models listed (failed ones included). */
public record AggregatedScore(double score, int modelsUsed, List<ModelResult> models) {
}
