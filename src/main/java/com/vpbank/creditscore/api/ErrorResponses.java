package com.vpbank.creditscore.api;

import static com.vpbank.creditscore.api.ErrorResponse.NOTHING_STORED;

import com.vpbank.creditscore.inference.ModelNotServedException;
import com.vpbank.creditscore.input.InvalidRequestException;
import com.vpbank.creditscore.model.ModelStoreUnavailableException;
import com.vpbank.creditscore.model.ModelsUnavailableException;
import com.vpbank.creditscore.observe.RedactedFailure;
import com.vpbank.creditscore.observe.RequestLimitReachedException;
import com.vpbank.creditscore.observe.TraceIds;
import com.vpbank.creditscore.security.ApiKeyRefusedException;
import com.vpbank.creditscore.store.IdempotencyKeyException;
import com.vpbank.creditscore.store.InvalidCursorException;
import com.vpbank.creditscore.store.PredictionNotStoredException;
import com.vpbank.creditscore.store.TransactionConflictException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns an exception caught by a route into the error answer of the API contract: the one
 * place where the exceptions of every layer (input, store, security, observe, model) are
 * given their HTTP status, in one table. Only messages written for clients reach the body;
 * anything else is logged and answered with a generic sentence, never a stack trace. Every
 * 503 says in {@code details.stored} whether the tables hold anything of the request:
 * {@code "no"}, or {@code "unknown"} when a write was sent whose outcome is not known.
 */
public final class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private static final String NOT_STORED = "The prediction could not be stored, and nothing of it was; try again later.";

    /**
     * Each exception the API answers, with its answer. The exception caught, or else the first
     * of its causes that is one of these (a route may have wrapped it), is answered by the first
     * entry it is an instance of.
     */
    private static final List<Answer<?>> ANSWERS = List.of(
            new Answer<>(ApiException.class, refused -> new ErrorResponse(refused.status(), refused.getMessage(),
                    refused.status() == 503 && refused.details() == null ? NOTHING_STORED : refused.details())),
            new Answer<>(InvalidRequestException.class,
                    invalid -> new ErrorResponse(400, invalid.getMessage(), invalid.details())),
            new Answer<>(ApiKeyRefusedException.class, refused -> new ErrorResponse(
                    refused.reason() == ApiKeyRefusedException.Reason.WITHOUT_ROLE ? 403 : 401, refused.getMessage(), null)),
            new Answer<>(RequestLimitReachedException.class,
                    limit -> new ErrorResponse(503, limit.getMessage(), NOTHING_STORED)),
            new Answer<>(IdempotencyKeyException.class, key -> new ErrorResponse(switch (key.reason()) {
                case MALFORMED -> 400;
                case IN_PROGRESS -> 409;
                case REUSED -> 422;
            }, key.getMessage(), null)),
            new Answer<>(InvalidCursorException.class, cursor -> new ErrorResponse(400, cursor.getMessage(), null)),
            new Answer<>(ModelNotServedException.class, notServed -> new ErrorResponse(404, notServed.getMessage(), null)),
            new Answer<>(PredictionNotStoredException.class, notStored -> notStored.stored().equals("no")
                    ? new ErrorResponse(503, NOT_STORED, NOTHING_STORED)
                    : new ErrorResponse(503, "The prediction may have been stored; a retry with the same"
                            + " Idempotency-Key gets its answer.", Map.of("stored", "unknown"))),
            new Answer<>(TransactionConflictException.class, conflict -> {
                LOG.warn("Prediction not stored: other transactions kept writing the same customer");
                return new ErrorResponse(503, NOT_STORED, NOTHING_STORED);
            }),
            new Answer<>(ModelsUnavailableException.class, unavailable -> {
                LOG.warn("Models unavailable: {}", unavailable.getMessage());
                return new ErrorResponse(503, unavailable.getMessage(), NOTHING_STORED);
            }),
            new Answer<>(ModelStoreUnavailableException.class, store -> {
                LOG.warn("Model bundle not read: {}", store.getMessage());
                return new ErrorResponse(503, "The model store (S3) is unavailable; no model was changed. Try again later.",
                        NOTHING_STORED);
            }),
            new Answer<>(SdkException.class, sdk -> {
                LOG.warn("DynamoDB unavailable: {}", sdk.getClass().getSimpleName());
                return new ErrorResponse(503, "The customer database is unavailable; try again later.", NOTHING_STORED);
            }));

    /** The answer to {@code caught}, naming the request's trace when tracing is on. */
    public ErrorResponse forException(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable caught) {
        return answer(caught).withTraceId(TraceIds.current());
    }

    private static ErrorResponse answer(Throwable caught) {
        for (Throwable cause = caught; cause != null; cause = cause.getCause()) {
            for (Answer<?> answer : ANSWERS) {
                if (answer.type().isInstance(cause)) {
                    return answer.to(cause);
                }
            }
        }
        // By class and stack trace: the message of an unexpected failure may quote the body.
        LOG.error("Unexpected failure", RedactedFailure.of(caught));
        return new ErrorResponse(500, ErrorMessages.FAILED, null);
    }

    /** The answer to one type of exception. */
    private record Answer<T extends Throwable>(Class<T> type, Function<T, ErrorResponse> response) {

        ErrorResponse to(Throwable failure) {
            return response.apply(type.cast(failure));
        }
    }
}
