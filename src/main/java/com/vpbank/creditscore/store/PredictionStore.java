package com.vpbank.creditscore.store;

import com.vpbank.creditscore.route.RouteProperties;
import com.vpbank.creditscore.scoring.PredictRequest;
import com.vpbank.creditscore.scoring.Prediction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Stores a prediction in one DynamoDB transaction ({@code TransactWriteItems}): the history
 * record, the customer's latest (on the condition that the stored one is not newer) and,
 * for a request with an {@code Idempotency-Key}, the answer under its key (on the
 * condition that the claim is still this request's). They land together or not at all.
 *
 * <p>Outcomes:
 * <ul>
 *   <li>A newer prediction is the customer's latest already: the transaction is cancelled
 *       by the latest's condition alone, and the history record and the answer are stored
 *       without it, in a second transaction.</li>
 *   <li>The outcome is unknown (a time-out, a lost answer, a server error after the AWS
 *       SDK's retries): the history record is read back. Found, the prediction is stored
 *       and answered as usual. Not found, the request's claim is released, which fences
 *       off any late landing of the transaction; then nothing was stored. Without a claim
 *       to release, or when the read fails, the answer says the outcome is unknown.</li>
 *   <li>Refused by DynamoDB (throttled, cancelled, invalid) on every attempt, also when the call
 *       ran out of time while the SDK waited to retry a throttled attempt: nothing was
 *       stored.</li>
 * </ul>
 *
 * <p>Over 200 lines because each outcome above is decided from the same transaction and its
 * conditions, which read best side by side.
 * Each transaction carries a {@code ClientRequestToken} derived from the request's key and
 * the prediction, so that the SDK's retry of a transaction that was applied is a no-op.
 */
public final class PredictionStore {

    private static final Logger LOG = LoggerFactory.getLogger(PredictionStore.class);
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final String TRANSACTION_CONFLICT = "TransactionConflict";

    private final DynamoDbClient client;
    private final String customerTable;
    private final String historyTable;
    private final PredictionItems items;
    private final IdempotencyKeys keys;

    public PredictionStore(DynamoDbClient client, String customerTable, String historyTable, PredictionItems items,
                           IdempotencyKeys keys) {
        this.client = client;
        this.customerTable = customerTable;
        this.historyTable = historyTable;
        this.items = items;
        this.keys = keys;
    }

    /**
     * The route step: stores the prediction in the body, for the request and the claim of
     * the exchange. A redelivery (after a {@link TransactionConflictException}, by the predict
     * route's own error handling, predict-errors) gets a token of its own, since its
     * transaction is a new one.
     */
    public void store(Exchange exchange) {
        int redelivery = exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        store(exchange.getMessage().getBody(Prediction.class),
                exchange.getProperty(RouteProperties.PREDICT_REQUEST, PredictRequest.class), keys.claimOf(exchange),
                redelivery);
    }

    /**
     * Stores the prediction, with its answer under the claimed key when {@code claim} is not
     * null; returns once it is stored, else throws {@link PredictionNotStoredException}, or
     * {@link TransactionConflictException} when another transaction on the same item won.
     */
    public void store(Prediction prediction, PredictRequest request, IdempotencyKeys.Claim claim, int attempt) {
        Map<String, AttributeValue> history = items.history(prediction, request);
        TransactWriteItem historyPut = TransactWriteItem.builder().put(put -> put
                .tableName(historyTable)
                .item(history)
                .conditionExpression("attribute_not_exists(#key)")
                .expressionAttributeNames(Map.of("#key", PredictionItems.PREDICTION_KEY))).build();
        TransactWriteItem latest = latestUpdate(prediction);
        TransactWriteItem answer = claim == null ? null : keys.answerWrite(claim, prediction);
        String token = token(claim, prediction, attempt);
        while (true) {
            try {
                transact(token, historyPut, latest, answer);
                return;
            } catch (TransactionCanceledException cancelled) {
                List<String> reasons = reasons(cancelled);
                if (CONDITION_FAILED.equals(reasons.get(0))) {
                    // The history record exists: an earlier attempt of this very transaction landed.
                    return;
                }
                if (reasons.contains(TRANSACTION_CONFLICT)) {
                    throw new TransactionConflictException(cancelled);
                }
                if (latest == null || !CONDITION_FAILED.equals(reasons.get(1))
                        || reasons.size() > 2 && reasons.get(2) != null) {
                    throw notStored(cancelled, "no");
                }
                LOG.debug("A newer prediction is the customer's latest; this one is stored in the history only");
                latest = null;
                token = token("history\n" + token);
            } catch (SdkException failed) {
                if (definitelyNotApplied(failed)) {
                    throw notStored(failed, "no");
                }
                settleUnknownOutcome(failed, history, claim);
                return;
            }
        }
    }

    /** After a failure whose outcome is unknown: returns if the prediction is stored, else throws. */
    private void settleUnknownOutcome(SdkException failed, Map<String, AttributeValue> history,
                                      IdempotencyKeys.Claim claim) {
        try {
            Map<String, AttributeValue> found = client.getItem(request -> request
                    .tableName(historyTable)
                    .consistentRead(true)
                    .key(Map.of(PredictionItems.CUSTOMER_ID, history.get(PredictionItems.CUSTOMER_ID),
                            PredictionItems.PREDICTION_KEY, history.get(PredictionItems.PREDICTION_KEY)))
                    .projectionExpression("#key")
                    .expressionAttributeNames(Map.of("#key", PredictionItems.PREDICTION_KEY))).item();
            if (found != null && !found.isEmpty()) {
                LOG.info("The prediction's transaction failed ({}) but it was stored", failed.getClass().getSimpleName());
                return;
            }
        } catch (SdkException readFailed) {
            throw notStored(failed, "unknown");
        }
        throw notStored(failed, claim != null && keys.release(claim) ? "no" : "unknown");
    }

    private void transact(String token, TransactWriteItem... writes) {
        List<TransactWriteItem> present = new ArrayList<>(writes.length);
        for (TransactWriteItem write : writes) {
            if (write != null) {
                present.add(write);
            }
        }
        client.transactWriteItems(request -> request.transactItems(present).clientRequestToken(token));
    }

    /** The customer item's update that makes the prediction its latest, unless a newer one is stored. */
    private TransactWriteItem latestUpdate(Prediction prediction) {
        Map<String, AttributeValue> attributes = items.predictionAttributes(prediction);
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, AttributeValue> attribute : attributes.entrySet()) {
            names.put("#a" + i, attribute.getKey());
            values.put(":v" + i, attribute.getValue());
            i++;
        }
        String update = "SET " + names.keySet().stream()
                .map(name -> name + " = :v" + name.substring(2))
                .collect(Collectors.joining(", "));
        // A timestamp that is not a string (another system wrote a number) is older than any
        // prediction: compared with a string it would fail the condition and freeze the latest.
        names.put("#ts", PredictionItems.PREDICTION_TIMESTAMP);
        values.put(":ts", AttributeValue.fromS(prediction.timestamp()));
        values.put(":string", AttributeValue.fromS("S"));
        return TransactWriteItem.builder().update(request -> request
                .tableName(customerTable)
                .key(items.key(prediction.customerId()))
                .updateExpression(update)
                .conditionExpression("attribute_not_exists(#ts) OR NOT attribute_type(#ts, :string) OR #ts <= :ts")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)).build();
    }

    /**
     * Throttled or refused as invalid: DynamoDB did not apply it, also when the call ran out
     * of time while the SDK waited to retry a throttled attempt ({@link RefusedCalls}). A 5xx
     * or no answer may have been applied.
     */
    private static boolean definitelyNotApplied(SdkException failed) {
        return failed instanceof AwsServiceException service && service.statusCode() >= 400 && service.statusCode() < 500
                || RefusedCalls.everyAttemptRefused(failed);
    }

    /** The cancellation reason code of each write, in order; {@code null} for none. */
    private static List<String> reasons(TransactionCanceledException cancelled) {
        List<String> codes = new ArrayList<>();
        for (CancellationReason reason : cancelled.cancellationReasons()) {
            codes.add(reason.code() == null || reason.code().equals("None") ? null : reason.code());
        }
        while (codes.size() < 2) {
            codes.add(null);
        }
        return codes;
    }

    private static PredictionNotStoredException notStored(SdkException cause, String stored) {
        LOG.warn("Prediction not stored ({}; stored: {})", cause.getClass().getSimpleName(), stored);
        return new PredictionNotStoredException(stored, cause);
    }

    /** The request's token: the same for every attempt at one prediction of one key, at most 36 characters. */
    static String token(IdempotencyKeys.Claim claim, Prediction prediction, int attempt) {
        String seed = (claim == null ? "" : claim.key()) + "\n" + prediction.predictionId();
        return attempt == 0 && claim == null ? prediction.predictionId() : token(seed + "\n" + attempt);
    }

    private static String token(String seed) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
