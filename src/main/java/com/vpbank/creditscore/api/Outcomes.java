package com.vpbank.creditscore.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vpbank.creditscore.input.CustomerIds;
import com.vpbank.creditscore.input.InvalidRequestException;
import com.vpbank.creditscore.input.JsonObjects;
import com.vpbank.creditscore.risk.OutcomeRecords;
import com.vpbank.creditscore.risk.PerformanceMeters;
import com.vpbank.creditscore.risk.PredictionRecords;
import com.vpbank.creditscore.time.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Body;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * POST /api/v1/outcomes: {@code {"outcomes": [{"customer_id", "prediction_id", "defaulted",
 * "observed_at"?}]}}, at most {@value #MAX_OUTCOMES}. The whole request is checked first
 * (400 for a bad entry, 404 for a prediction that is not stored), then each outcome is
 * written once per prediction: the same outcome again changes nothing, another outcome for a
 * prediction that has one is reported as conflicting and changes nothing either.
 */
public final class Outcomes {

    static final int MAX_OUTCOMES = 100;

    private final ObjectMapper mapper;
    private final PredictionRecords predictions;
    private final OutcomeRecords outcomes;
    private final PerformanceMeters meters;
    private final Clock clock;

    public Outcomes(ObjectMapper mapper, PredictionRecords predictions, OutcomeRecords outcomes,
                    PerformanceMeters meters, Clock clock) {
        this.mapper = mapper;
        this.predictions = predictions;
        this.outcomes = outcomes;
        this.meters = meters;
        this.clock = clock;
    }

    private record Entry(String customerId, String predictionId, boolean defaulted, String observedAt) {
    }

    public Map<String, Object> record(@Body String body) {
        List<Entry> entries = read(JsonObjects.read(mapper, body));
        String now = Timestamps.format(clock.instant());
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (Entry entry : entries) {
            Map<String, AttributeValue> history = predictions.find(entry.customerId(), entry.predictionId())
                    .orElseThrow(() -> new ApiException(404, "No prediction '" + entry.predictionId()
                            + "' is stored for customer '" + entry.customerId() + "'; no outcome was recorded.",
                            Map.of("prediction_id", entry.predictionId())));
            items.add(outcomes.item(history, entry.defaulted(), entry.observedAt() == null ? now : entry.observedAt(),
                    now));
        }
        int recorded = 0;
        int already = 0;
        List<String> conflicting = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            OutcomeRecords.Result result;
            try {
                result = outcomes.write(item);
            } catch (SdkException failed) {
                throw new ApiException(503, "The outcome table is unavailable; a retry is safe, each prediction's"
                        + " outcome is recorded once.", Map.of("stored", recorded + already == 0 ? "no" : "partial"));
            }
            meters.outcome(result);
            switch (result) {
                case RECORDED -> recorded++;
                case ALREADY_RECORDED -> already++;
                case CONFLICTING -> conflicting.add(item.get("prediction_id").s());
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("recorded", recorded);
        answer.put("already_recorded", already);
        answer.put("conflicting", conflicting);
        return answer;
    }

    private List<Entry> read(JsonNode request) {
        JsonNode list = request.get("outcomes");
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > MAX_OUTCOMES) {
            throw new InvalidRequestException("Field 'outcomes' must be an array of 1 to " + MAX_OUTCOMES
                    + " outcomes.");
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode outcome = list.get(i);
            String where = "outcomes[" + i + "]";
            if (!outcome.isObject()) {
                throw new InvalidRequestException(where + " must be an object.");
            }
            String customerId;
            String predictionId;
            try {
                customerId = CustomerIds.read(outcome.get("customer_id"));
                predictionId = Replays.predictionId(outcome.get("prediction_id"));
            } catch (InvalidRequestException e) {
                throw new InvalidRequestException(where + ": " + e.getMessage());
            }
            JsonNode defaulted = outcome.get("defaulted");
            if (defaulted == null || !defaulted.isBoolean()) {
                throw new InvalidRequestException(where + ": field 'defaulted' must be true or false.");
            }
            if (!seen.add(predictionId)) {
                throw new InvalidRequestException(where + ": prediction '" + predictionId + "' is listed twice.");
            }
            entries.add(new Entry(customerId, predictionId, defaulted.asBoolean(), observedAt(outcome, where)));
        }
        return entries;
    }

    private static String observedAt(JsonNode outcome, String where) {
        JsonNode observed = outcome.get("observed_at");
        if (observed == null || observed.isNull()) {
            return null;
        }
        try {
            return Timestamps.format(Instant.parse(observed.asText()));
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(where + ": field 'observed_at' must be an ISO-8601 time such as"
                    + " 2026-01-15T00:00:00Z.");
        }
    }
}
