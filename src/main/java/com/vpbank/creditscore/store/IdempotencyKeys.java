package com.vpbank.creditscore.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vpbank.creditscore.api.ApiException;
import com.vpbank.creditscore.scoring.PredictRequest;
import com.vpbank.creditscore.scoring.Predictions;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Makes a retried predict safe. A request with an {@code Idempotency-Key} first claims the
 * key with a conditional put in the idempotency table (shared by every replica); when it
 * has been answered, the answer is stored under the key for {@code ttl}. The same key
 * with the same request then gets the first answer again, and nothing is written; with
 * another request it gets 422; while the first is still in progress, 409. A request that
 * fails releases its claim, so that a retry can go on.
 */
public final class IdempotencyKeys {

    public static final String KEY = "idempotency_key";
    public static final String EXPIRES_AT = "expires_at";
    public static final String HEADER = "Idempotency-Key";

    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyKeys.class);
    private static final String CLAIMED_PROPERTY = "idempotencyKeyClaimed";
    private static final Pattern VALID_KEY = Pattern.compile("[\\x20-\\x7E]{1,128}");
    private static final String PENDING = "pending";
    private static final String ANSWERED = "answered";

    private final DynamoDbClient client;
    private final String table;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Duration ttl;
    private final Duration pendingTtl;

    public IdempotencyKeys(DynamoDbClient client, String table, ObjectMapper mapper, Clock clock,
                           Duration ttl, Duration pendingTtl) {
        this.client = client;
        this.table = table;
        this.mapper = mapper;
        this.clock = clock;
        this.ttl = ttl;
        this.pendingTtl = pendingTtl;
    }

    /**
     * Claims the request's key. Returns the stored answer of an earlier identical request,
     * or {@code null} when this request goes on (no key, or the key is now claimed by it).
     */
    public JsonNode claim(Exchange exchange) {
        String key = exchange.getMessage().getHeader(HEADER, String.class);
        if (key == null) {
            return null;
        }
        if (!VALID_KEY.matcher(key).matches()) {
            throw new ApiException(400, "Header Idempotency-Key must be 1 to 128 printable characters.", null);
        }
        String fingerprint = fingerprint(exchange.getProperty(Predictions.REQUEST_PROPERTY, PredictRequest.class));
        long now = clock.instant().getEpochSecond();
        try {
            client.putItem(request -> request
                    .tableName(table)
                    .item(Map.of(
                            KEY, AttributeValue.fromS(key),
                            "request_fingerprint", AttributeValue.fromS(fingerprint),
                            "state", AttributeValue.fromS(PENDING),
                            EXPIRES_AT, AttributeValue.fromN(Long.toString(now + pendingTtl.toSeconds()))))
                    .conditionExpression("attribute_not_exists(#key) OR #expires < :now")
                    .expressionAttributeNames(Map.of("#key", KEY, "#expires", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now)))));
            exchange.setProperty(CLAIMED_PROPERTY, key);
            return null;
        } catch (ConditionalCheckFailedException taken) {
            return earlierAnswer(key, fingerprint);
        }
    }

    /** Stores the answer under the claimed key, if this request claimed one. */
    public void answered(Exchange exchange) {
        String key = exchange.getProperty(CLAIMED_PROPERTY, String.class);
        if (key == null) {
            return;
        }
        String answer;
        try {
            answer = mapper.writeValueAsString(exchange.getMessage().getBody());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        long expires = clock.instant().getEpochSecond() + ttl.toSeconds();
        client.updateItem(request -> request
                .tableName(table)
                .key(Map.of(KEY, AttributeValue.fromS(key)))
                .updateExpression("SET #state = :answered, answer = :answer, #expires = :expires")
                .expressionAttributeNames(Map.of("#state", "state", "#expires", EXPIRES_AT))
                .expressionAttributeValues(Map.of(
                        ":answered", AttributeValue.fromS(ANSWERED),
                        ":answer", AttributeValue.fromS(answer),
                        ":expires", AttributeValue.fromN(Long.toString(expires)))));
        exchange.removeProperty(CLAIMED_PROPERTY);
    }

    /** Releases the claim of a request that failed; a failure to release leaves it to expire. */
    public void release(Exchange exchange) {
        String key = exchange.getProperty(CLAIMED_PROPERTY, String.class);
        if (key == null) {
            return;
        }
        exchange.removeProperty(CLAIMED_PROPERTY);
        try {
            client.deleteItem(request -> request
                    .tableName(table)
                    .key(Map.of(KEY, AttributeValue.fromS(key)))
                    .conditionExpression("#state = :pending")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":pending", AttributeValue.fromS(PENDING))));
        } catch (SdkException e) {
            LOG.warn("Idempotency claim not released ({}); it expires in {}", e.getClass().getSimpleName(), pendingTtl);
        }
    }

    private JsonNode earlierAnswer(String key, String fingerprint) {
        Map<String, AttributeValue> item = client.getItem(request -> request
                .tableName(table)
                .consistentRead(true)
                .key(Map.of(KEY, AttributeValue.fromS(key)))).item();
        if (item == null || item.isEmpty()) {
            throw new ApiException(409, "A request with this Idempotency-Key is in progress; retry it.", null);
        }
        if (!fingerprint.equals(item.get("request_fingerprint").s())) {
            throw new ApiException(422, "Idempotency-Key was already used with another request.", null);
        }
        if (!ANSWERED.equals(item.get("state").s())) {
            throw new ApiException(409, "A request with this Idempotency-Key is in progress; retry it.", null);
        }
        try {
            return mapper.readTree(item.get("answer").s());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A digest of what the request asks: the customer and every feature value, group by group. */
    static String fingerprint(PredictRequest request) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(request.customerId().getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, float[]> group : new TreeMap<>(request.features()).entrySet()) {
                digest.update((byte) 0);
                digest.update(group.getKey().getBytes(StandardCharsets.UTF_8));
                ByteBuffer values = ByteBuffer.allocate(group.getValue().length * Float.BYTES);
                for (float value : group.getValue()) {
                    values.putFloat(value);
                }
                digest.update(values.array());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
