package com.vpbank.creditscore.api;

import com.vpbank.creditscore.input.InvalidRequestException;
import com.vpbank.creditscore.model.ModelStoreUnavailableException;
import com.vpbank.creditscore.model.ModelsUnavailableException;
import com.vpbank.creditscore.observe.RequestLimitReachedException;
import com.vpbank.creditscore.security.ApiKeyRefusedException;
import com.vpbank.creditscore.store.IdempotencyKeyException;
import com.vpbank.creditscore.store.InvalidCursorException;
import com.vpbank.creditscore.store.PredictionNotStoredException;
import com.vpbank.creditscore.store.TransactionConflictException;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns an exception caught by a route into the error answer of the API contract: the one
 * place where the exceptions of every layer (input, store, security, observe, model) are
 * given their HTTP status. Only messages written for clients reach the body; anything else
 * is logged and answered with a generic sentence, never a stack trace. Every 503 says in
 * {@code details.stored} whether the tables hold anything of the request: {@code "no"}, or
 * {@code "unknown"} when a write was sent whose outcome is not known.
 */
public final class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
    /** The details of a 503 after which the tables hold nothing of the request. */
    private static final Map<String, String> NOTHING_STORED = Map.of("stored", "no");

    public ErrorResponse forException(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable caught) {
        Throwable failure = known(caught);
        if (failure instanceof ApiException refused) {
            Object details = refused.status() == 503 && refused.details() == null ? NOTHING_STORED : refused.details();
            return new ErrorResponse(refused.status(), refused.getMessage(), details);
        }
        if (failure instanceof InvalidRequestException invalid) {
            return new ErrorResponse(400, invalid.getMessage(), invalid.details());
        }
        if (failure instanceof ApiKeyRefusedException refused) {
            return new ErrorResponse(refused.reason() == ApiKeyRefusedException.Reason.WITHOUT_ROLE ? 403 : 401,
                    refused.getMessage(), null);
        }
        if (failure instanceof RequestLimitReachedException limit) {
            return new ErrorResponse(503, limit.getMessage(), NOTHING_STORED);
        }
        if (failure instanceof IdempotencyKeyException key) {
            int status = switch (key.reason()) {
                case MALFORMED -> 400;
                case IN_PROGRESS -> 409;
                case REUSED -> 422;
            };
            return new ErrorResponse(status, key.getMessage(), null);
        }
        if (failure instanceof InvalidCursorException cursor) {
            return new ErrorResponse(400, cursor.getMessage(), null);
        }
        if (failure instanceof PredictionNotStoredException notStored) {
            return notStored.stored().equals("no")
                    ? new ErrorResponse(503, "The prediction could not be stored, and nothing of it was; try again later.",
                            NOTHING_STORED)
                    : new ErrorResponse(503, "The prediction may have been stored; a retry with the same"
                            + " Idempotency-Key gets its answer.", Map.of("stored", "unknown"));
        }
        if (failure instanceof TransactionConflictException) {
            LOG.warn("Prediction not stored: other transactions kept writing the same customer");
            return new ErrorResponse(503, "The prediction could not be stored, and nothing of it was; try again later.",
                    NOTHING_STORED);
        }
        if (failure instanceof ModelsUnavailableException unavailable) {
            LOG.warn("Models unavailable: {}", unavailable.getMessage());
            return new ErrorResponse(503, unavailable.getMessage(), NOTHING_STORED);
        }
        if (failure instanceof ModelStoreUnavailableException store) {
            LOG.warn("Model bundle not read: {}", store.getMessage());
            return new ErrorResponse(503,
                    "The model store (S3) is unavailable; no model was changed. Try again later.", NOTHING_STORED);
        }
        if (failure instanceof SdkException sdk) {
            LOG.warn("DynamoDB unavailable: {}", sdk.getClass().getSimpleName());
            return new ErrorResponse(503, "The customer database is unavailable; try again later.", NOTHING_STORED);
        }
        LOG.error("Unexpected failure", failure);
        return new ErrorResponse(500, "The service failed to process the request.", null);
    }

    /** The failure itself, or the first of its causes that the API answers, when a route wrapped it. */
    private static Throwable known(Throwable caught) {
        for (Throwable cause = caught; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException || cause instanceof InvalidRequestException
                    || cause instanceof ApiKeyRefusedException
                    || cause instanceof RequestLimitReachedException || cause instanceof IdempotencyKeyException
                    || cause instanceof InvalidCursorException || cause instanceof ModelsUnavailableException
                    || cause instanceof PredictionNotStoredException || cause instanceof TransactionConflictException
                    || cause instanceof ModelStoreUnavailableException || cause instanceof SdkException) {
                return cause;
            }
        }
        return caught;
    }
}
