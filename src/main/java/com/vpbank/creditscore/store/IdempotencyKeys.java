package com.vpbank.creditscore.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vpbank.creditscore.route.RouteProperties;
import com.vpbank.creditscore.scoring.PredictRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Makes a retried predict safe. A request with an {@code Idempotency-Key} first claims the
 * key with a conditional put in the idempotency table (shared by every replica). The claim
 * carries an owner token of its own, so that when the answer to the claim is lost and the
 * AWS SDK sends it again, the request recognises its own claim instead of waiting for it.
 * The answer is stored under the key, for {@code ttl}, in the same transaction that stores
 * the prediction ({@link PredictionStore}), on the condition that the claim is still this
 * request's. The same key with the same request then gets the first answer again, and
 * nothing is written; with another request it gets 422; while the first is still in
 * progress, 409. A request that fails releases its claim, so that a retry can go on; a
 * claim that could not be released expires with the request's deadline
 * ({@link #claimLifetime}), never later than the request could still be running.
 *
 * <p>Over 200 lines because the claim, its answer, its release and its lifetime are one
 * protocol on one table item, kept in one place.
 */
public final class IdempotencyKeys {

    public static final String KEY = "idempotency_key";
    public static final String EXPIRES_AT = "expires_at";
    public static final String HEADER = "Idempotency-Key";

    private static final String IN_PROGRESS = "A request with this Idempotency-Key is in progress; retry it.";
    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyKeys.class);
    private static final String OWNER = "owner";
    private static final String STATE = "state";
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
     * How long a claim holds when no setting says: the request's deadline, the longest a
     * keyed predict can take. That is seven DynamoDB calls at their time budget (the claim
     * and its read, the lookup, the transaction and the history-only one that follows it
     * when a newer latest is stored, the read-back of an unknown outcome, the release) and
     * the model budget twice (the scores, then the reasons), rounded up to whole seconds. A
     * request still running after it is fenced off by its owner token: when a retry has
     * claimed the key meanwhile, the first request's transaction stores nothing.
     */
    public static Duration claimLifetime(Duration dynamoDbCallTimeout, Duration modelBudget) {
        long millis = 7 * dynamoDbCallTimeout.toMillis() + 2 * modelBudget.toMillis();
        return Duration.ofSeconds((millis + 999) / 1000);
    }

    /** A key claimed by one request: the owner token is that request's alone. */
    public record Claim(String key, String owner) {
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
            throw new IdempotencyKeyException(IdempotencyKeyException.Reason.MALFORMED,
                    "Header Idempotency-Key must be 1 to 128 printable characters.");
        }
        String fingerprint = fingerprint(exchange.getProperty(RouteProperties.PREDICT_REQUEST, PredictRequest.class));
        Claim claim = new Claim(key, UUID.randomUUID().toString());
        // Set before the put: a put whose outcome is unknown may have written the claim, and
        // the release of a failed request must then find it.
        exchange.setProperty(RouteProperties.IDEMPOTENCY_CLAIM, claim);
        long now = clock.instant().getEpochSecond();
        try {
            client.putItem(request -> request
                    .tableName(table)
                    .item(Map.of(
                            KEY, AttributeValue.fromS(key),
                            OWNER, AttributeValue.fromS(claim.owner()),
                            "request_fingerprint", AttributeValue.fromS(fingerprint),
                            STATE, AttributeValue.fromS(PENDING),
                            EXPIRES_AT, AttributeValue.fromN(Long.toString(now + pendingTtl.toSeconds()))))
                    .conditionExpression("attribute_not_exists(#key) OR #expires < :now")
                    .expressionAttributeNames(Map.of("#key", KEY, "#expires", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now)))));
            return null;
        } catch (ConditionalCheckFailedException taken) {
            Map<String, AttributeValue> item = client.getItem(request -> request
                    .tableName(table)
                    .consistentRead(true)
                    .key(Map.of(KEY, AttributeValue.fromS(key)))).item();
            if (item != null && item.containsKey(OWNER) && claim.owner().equals(item.get(OWNER).s())) {
                // This request's own claim: an attempt whose answer was lost had written it.
                return null;
            }
            exchange.removeProperty(RouteProperties.IDEMPOTENCY_CLAIM);
            return earlierAnswer(item, fingerprint);
        }
    }

    /** The key this request claimed, or {@code null}. */
    public Claim claimOf(Exchange exchange) {
        return exchange.getProperty(RouteProperties.IDEMPOTENCY_CLAIM, Claim.class);
    }

    /**
     * The write that stores the answer under the claimed key, for the transaction that
     * stores the prediction: on the condition that the claim is still this request's and
     * not yet answered, so that a request whose claim expired and was taken by another
     * stores nothing.
     */
    public TransactWriteItem answerWrite(Claim claim, Object answer) {
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(answer);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        long expires = clock.instant().getEpochSecond() + ttl.toSeconds();
        return TransactWriteItem.builder().update(update -> update
                .tableName(table)
                .key(Map.of(KEY, AttributeValue.fromS(claim.key())))
                .updateExpression("SET #state = :answered, answer = :answer, #expires = :expires")
                .conditionExpression("#owner = :owner AND #state = :pending")
                .expressionAttributeNames(Map.of("#state", STATE, "#expires", EXPIRES_AT, "#owner", OWNER))
                .expressionAttributeValues(Map.of(
                        ":answered", AttributeValue.fromS(ANSWERED),
                        ":pending", AttributeValue.fromS(PENDING),
                        ":owner", AttributeValue.fromS(claim.owner()),
                        ":answer", AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(gzip(json))),
                        ":expires", AttributeValue.fromN(Long.toString(expires)))))
                .build();
    }

    /** Releases the claim of a request that failed, if it made one; see {@link #release(Claim)}. */
    public void release(Exchange exchange) {
        Claim claim = claimOf(exchange);
        if (claim != null) {
            exchange.removeProperty(RouteProperties.IDEMPOTENCY_CLAIM);
            release(claim);
        }
    }

    /**
     * Deletes the claim if it is still this request's and pending. Returns {@code true} when
     * it did: no transaction of this request can store anything after that, since each is
     * conditioned on the claim. {@code false} when the claim was answered, is another's or
     * was never written, or when the delete failed (the claim then expires).
     */
    public boolean release(Claim claim) {
        try {
            client.deleteItem(request -> request
                    .tableName(table)
                    .key(Map.of(KEY, AttributeValue.fromS(claim.key())))
                    .conditionExpression("#state = :pending AND #owner = :owner")
                    .expressionAttributeNames(Map.of("#state", STATE, "#owner", OWNER))
                    .expressionAttributeValues(Map.of(
                            ":pending", AttributeValue.fromS(PENDING),
                            ":owner", AttributeValue.fromS(claim.owner()))));
            return true;
        } catch (ConditionalCheckFailedException notPendingOrNotOurs) {
            return false;
        } catch (SdkException e) {
            LOG.warn("Idempotency claim not released ({}); it expires in {}", e.getClass().getSimpleName(), pendingTtl);
            return false;
        }
    }

    private JsonNode earlierAnswer(Map<String, AttributeValue> item, String fingerprint) {
        if (item == null || item.isEmpty()) {
            throw new IdempotencyKeyException(IdempotencyKeyException.Reason.IN_PROGRESS, IN_PROGRESS);
        }
        if (!fingerprint.equals(item.get("request_fingerprint").s())) {
            throw new IdempotencyKeyException(IdempotencyKeyException.Reason.REUSED,
                    "Idempotency-Key was already used with another request.");
        }
        if (!ANSWERED.equals(item.get(STATE).s())) {
            throw new IdempotencyKeyException(IdempotencyKeyException.Reason.IN_PROGRESS, IN_PROGRESS);
        }
        AttributeValue answer = item.get("answer");
        try {
            return answer.b() != null ? mapper.readTree(new GZIPInputStream(answer.b().asInputStream()))
                    : mapper.readTree(answer.s());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The answer as stored under its key: gzip, which keeps the item under 1 KB (about 0.5 KB
     * for an existing customer's answer with four reasons, 1.2 KB as text), so that its write
     * in the prediction's transaction costs two write units rather than four. Keys stored
     * before as text are read as text.
     */
    private static byte[] gzip(byte[] json) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(json.length / 2);
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
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
