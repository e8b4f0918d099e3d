package com.vpbank.creditscore.monitor;

import java.util.Map;

/**
 * One prediction as the champion answered it and as the challenger scored it in the shadow:
 * both scores and credit groups and the versions of the models behind each. A challenger
 * that could not score leaves its score and group null and says why in {@code challengerError}.
 */
public record ShadowRecord(
        String predictionId,
        String customerId,
        String customerType,
        String timestamp,
        double championScore,
        String championCreditGroup,
        Map<String, String> championVersions,
        long challengerGeneration,
        Double challengerScore,
        String challengerCreditGroup,
        Map<String, String> challengerVersions,
        String challengerError) {

    public ShadowRecord {
        championVersions = Map.copyOf(championVersions);
        challengerVersions = Map.copyOf(challengerVersions);
    }

    /** Whether the challenger scored the request, so that the two can be compared. */
    public boolean compared() {
        return challengerScore != null;
    }
}
