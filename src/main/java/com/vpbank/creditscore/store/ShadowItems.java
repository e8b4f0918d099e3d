package com.vpbank.creditscore.store;

import com.vpbank.creditscore.monitor.ShadowRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.apache.camel.component.aws2.ddb.Ddb2Constants;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps shadow records to items of the shadow table, keyed by {@code prediction_id}, one per
 * shadowed prediction: the customer, both scores and credit groups, the model versions behind
 * each, and {@code expires_at} (epoch seconds) for the table's TTL. A write whose answer was
 * lost is read back by its key before it is counted as failed.
 */
public final class ShadowItems {

    public static final String PREDICTION_ID = "prediction_id";
    public static final String EXPIRES_AT = "expires_at";

    private final Clock clock;
    private final Duration ttl;

    public ShadowItems(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    public Map<String, AttributeValue> item(@Body ShadowRecord record) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(PREDICTION_ID, AttributeValue.fromS(record.predictionId()));
        item.put("customer_id", AttributeValue.fromS(record.customerId()));
        item.put("customer_type", AttributeValue.fromS(record.customerType()));
        item.put("prediction_timestamp", AttributeValue.fromS(record.timestamp()));
        item.put("champion_score", number(record.championScore()));
        item.put("champion_credit_group", AttributeValue.fromS(record.championCreditGroup()));
        item.put("champion_versions", versions(record.championVersions()));
        item.put("challenger_generation", AttributeValue.fromN(Long.toString(record.challengerGeneration())));
        if (record.compared()) {
            item.put("challenger_score", number(record.challengerScore()));
            item.put("challenger_credit_group", AttributeValue.fromS(record.challengerCreditGroup()));
        } else {
            item.put("challenger_error", AttributeValue.fromS(record.challengerError()));
        }
        item.put("challenger_versions", versions(record.challengerVersions()));
        item.put(EXPIRES_AT, AttributeValue.fromN(Long.toString(clock.instant().plus(ttl).getEpochSecond())));
        return item;
    }

    /** The shadow table key of a record, to read back a write whose answer was lost. */
    public Map<String, AttributeValue> key(@Body ShadowRecord record) {
        return Map.of(PREDICTION_ID, AttributeValue.fromS(record.predictionId()));
    }

    /** Whether the read-back found the record: its write landed though its answer was lost. */
    public boolean landed(@Header(Ddb2Constants.ATTRIBUTES) Map<String, AttributeValue> item) {
        return item != null && !item.isEmpty();
    }

    private static AttributeValue versions(Map<String, String> versions) {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        versions.forEach((model, version) -> map.put(model, AttributeValue.fromS(version)));
        return AttributeValue.fromM(map);
    }

    private static AttributeValue number(double value) {
        return AttributeValue.fromN(Double.toString(value));
    }
}
