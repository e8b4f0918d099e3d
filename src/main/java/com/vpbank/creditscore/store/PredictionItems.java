package com.vpbank.creditscore.store;

import com.vpbank.creditscore.route.RouteProperties;
import com.vpbank.creditscore.scoring.ModelResult;
import com.vpbank.creditscore.scoring.PredictRequest;
import com.vpbank.creditscore.scoring.Prediction;
import com.vpbank.creditscore.scoring.Reason;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.component.aws2.ddb.Ddb2Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps predictions to DynamoDB items: the customer table's item holds the latest
 * prediction of a customer, keyed by {@code customer_id}. Numbers are stored as {@code N}.
 * Both tables keep a prediction's reason codes ({@code reasons}, L of M).
 */
public final class PredictionItems {

    public static final String CUSTOMER_ID = "customer_id";
    public static final String PREDICTION_KEY = "prediction_key";
    public static final String PREDICTION_TIMESTAMP = "prediction_timestamp";

    /**
     * Epoch seconds after which a history record may be purged (the history table's TTL):
     * the time it was stored plus HISTORY_RETENTION_MONTHS, never fewer than 25 months.
     */
    public static final String RETAIN_UNTIL = "retain_until";

    private static final Logger LOG = LoggerFactory.getLogger(PredictionItems.class);

    private final Clock clock;
    private final int retentionMonths;

    /** Items whose history records carry no {@value #RETAIN_UNTIL}: kept until deleted by hand. */
    public PredictionItems() {
        this(Clock.systemUTC(), 0);
    }

    /** Items whose history records carry {@value #RETAIN_UNTIL}, {@code retentionMonths} after they are stored. */
    public PredictionItems(Clock clock, int retentionMonths) {
        this.clock = clock;
        this.retentionMonths = retentionMonths;
    }

    /** The key of a customer's item. */
    public Map<String, AttributeValue> key(String customerId) {
        return Map.of(CUSTOMER_ID, AttributeValue.fromS(customerId));
    }

    /** The key of the item of the customer a prediction request is for. */
    public Map<String, AttributeValue> requestKey(@ExchangeProperty(RouteProperties.PREDICT_REQUEST) PredictRequest request) {
        return key(request.customerId());
    }

    /**
     * Whether a GetItem found an item: DynamoDB answers no attributes for a missing one. A
     * customer item whose {@code prediction_timestamp} is not a string (another system wrote
     * it, as a number, say) is logged as a warning that names the attribute's type only: the
     * prediction about to be stored replaces it as the latest (see {@link PredictionStore}).
     */
    public boolean isItem(@Header(Ddb2Constants.ATTRIBUTES) Map<String, AttributeValue> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return false;
        }
        AttributeValue timestamp = attributes.get(PREDICTION_TIMESTAMP);
        if (timestamp != null && timestamp.s() == null) {
            LOG.warn("A customer item's {} is of DynamoDB type {}, not an ISO-8601 string; it counts as older than any"
                    + " prediction, and this prediction replaces it as the latest", PREDICTION_TIMESTAMP, timestamp.type());
        }
        return true;
    }

    /** The customer item that records a prediction as the customer's latest. */
    public Map<String, AttributeValue> latest(@Body Prediction prediction) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(CUSTOMER_ID, AttributeValue.fromS(prediction.customerId()));
        item.putAll(predictionAttributes(prediction));
        return item;
    }

    /**
     * The history item of a prediction: what the customer item holds, plus the input
     * vectors and the customer type, so that the decision can be reconstructed later.
     * Sorted by {@code prediction_key} = timestamp#prediction_id.
     */
    public Map<String, AttributeValue> history(@Body Prediction prediction,
                                               @ExchangeProperty(RouteProperties.PREDICT_REQUEST) PredictRequest request) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(CUSTOMER_ID, AttributeValue.fromS(prediction.customerId()));
        item.put(PREDICTION_KEY, AttributeValue.fromS(predictionKey(prediction)));
        item.putAll(predictionAttributes(prediction));
        item.put("customer_type", AttributeValue.fromS(prediction.customerType()));
        Map<String, AttributeValue> features = new LinkedHashMap<>();
        request.features().forEach((group, values) -> features.put(group, vector(values)));
        item.put("features", AttributeValue.fromM(features));
        if (retentionMonths > 0) {
            item.put(RETAIN_UNTIL, AttributeValue.fromN(Long.toString(
                    clock.instant().atZone(ZoneOffset.UTC).plusMonths(retentionMonths).toEpochSecond())));
        }
        return item;
    }

    public static String predictionKey(Prediction prediction) {
        return prediction.timestamp() + "#" + prediction.predictionId();
    }

    /** The prediction's attributes, as both tables store them. */
    public Map<String, AttributeValue> predictionAttributes(Prediction prediction) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("prediction_id", AttributeValue.fromS(prediction.predictionId()));
        item.put(PREDICTION_TIMESTAMP, AttributeValue.fromS(prediction.timestamp()));
        item.put("credit_score", number(prediction.creditScore()));
        item.put("models_used", AttributeValue.fromL(prediction.rawPredictions().stream()
                .filter(ModelResult::succeeded)
                .map(result -> AttributeValue.fromS(result.model()))
                .toList()));
        item.put("prediction_type", AttributeValue.fromS(prediction.predictionType()));
        item.put("raw_predictions", AttributeValue.fromL(rawPredictions(prediction.rawPredictions())));
        // NULL when the predict route computes no reason codes, so that the customer item never
        // keeps the reasons of an earlier prediction.
        item.put("reasons", prediction.reasons() == null ? AttributeValue.fromNul(true)
                : AttributeValue.fromL(prediction.reasons().stream().map(PredictionItems::reason).toList()));
        return item;
    }

    private static AttributeValue vector(float[] values) {
        List<AttributeValue> numbers = new java.util.ArrayList<>(values.length);
        for (float value : values) {
            numbers.add(AttributeValue.fromN(Float.toString(value)));
        }
        return AttributeValue.fromL(numbers);
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
        if (result.reasonsUnavailable() != null) {
            entry.put("reasons_unavailable", AttributeValue.fromS(result.reasonsUnavailable()));
        }
        return AttributeValue.fromM(entry);
    }

    private static AttributeValue reason(Reason reason) {
        Map<String, AttributeValue> entry = new LinkedHashMap<>();
        entry.put("code", AttributeValue.fromS(reason.code()));
        entry.put("feature", AttributeValue.fromS(reason.feature()));
        entry.put("model", AttributeValue.fromS(reason.model()));
        entry.put("impact", number(reason.impact()));
        if (reason.description() != null) {
            entry.put("description", AttributeValue.fromS(reason.description()));
        }
        return AttributeValue.fromM(entry);
    }

    private static AttributeValue number(double value) {
        return AttributeValue.fromN(Double.toString(value));
    }
}
