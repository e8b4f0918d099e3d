package com.vpbank.creditscore.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.apache.camel.RuntimeCamelException;
import software.amazon.awssdk.core.exception.SdkClientException;
import org.junit.jupiter.api.Test;

/** The one place where each layer's exceptions get their HTTP status and answer. */
class ErrorResponsesTest {

    private final ErrorResponses responses = new ErrorResponses();

    @Test
    void refusedApiKeysAre401OrWithoutTheRole403() {
        assertEquals(new ErrorResponse(401, "no key", null),
                responses.forException(new ApiKeyRefusedException(ApiKeyRefusedException.Reason.MISSING, "no key")));
        assertEquals(new ErrorResponse(401, "unknown", null),
                responses.forException(new ApiKeyRefusedException(ApiKeyRefusedException.Reason.UNKNOWN, "unknown")));
        assertEquals(new ErrorResponse(403, "no role", null),
                responses.forException(new ApiKeyRefusedException(ApiKeyRefusedException.Reason.WITHOUT_ROLE, "no role")));
    }

    @Test
    void refusedInputIs400WithItsDetails() {
        assertEquals(new ErrorResponse(400, "bad limit", Map.of("received", "0")),
                responses.forException(new InvalidRequestException("bad limit", Map.of("received", "0"))));
        assertEquals(new ErrorResponse(400, "no customer", null),
                responses.forException(new RuntimeCamelException(new InvalidRequestException("no customer"))));
    }

    @Test
    void idempotencyKeysAre400Or409Or422() {
        assertEquals(400, responses.forException(
                new IdempotencyKeyException(IdempotencyKeyException.Reason.MALFORMED, "m")).status());
        assertEquals(409, responses.forException(
                new IdempotencyKeyException(IdempotencyKeyException.Reason.IN_PROGRESS, "m")).status());
        assertEquals(422, responses.forException(
                new IdempotencyKeyException(IdempotencyKeyException.Reason.REUSED, "m")).status());
    }

    @Test
    void theRequestLimitIs503WithNothingStoredAndAForgedCursor400() {
        assertEquals(new ErrorResponse(503, "at the limit", Map.of("stored", "no")),
                responses.forException(new RequestLimitReachedException("at the limit")));
        assertEquals(new ErrorResponse(400, "bad cursor", null),
                responses.forException(new InvalidCursorException("bad cursor")));
    }

    @Test
    void aDomainExceptionWrappedByCamelIsAnsweredAsItself() {
        assertEquals(new ErrorResponse(409, "in progress", null), responses.forException(new RuntimeCamelException(
                new IdempotencyKeyException(IdempotencyKeyException.Reason.IN_PROGRESS, "in progress"))));
    }

    @Test
    void failedDependenciesAre503AndSayWhatWasStored() {
        Map<String, String> nothing = Map.of("stored", "no");
        assertEquals(new ErrorResponse(503, "The prediction could not be stored, and nothing of it was; try again later.",
                nothing), responses.forException(new PredictionNotStoredException("no", new RuntimeException())));
        assertEquals(new ErrorResponse(503, "The prediction may have been stored; a retry with the same"
                + " Idempotency-Key gets its answer.", Map.of("stored", "unknown")),
                responses.forException(new PredictionNotStoredException("unknown", new RuntimeException())));
        assertEquals(new ErrorResponse(503, "The prediction could not be stored, and nothing of it was; try again later.",
                nothing), responses.forException(new TransactionConflictException(new RuntimeException())));
        assertEquals(new ErrorResponse(503, "No model answered.", nothing),
                responses.forException(new ModelsUnavailableException("No model answered.")));
        assertEquals(new ErrorResponse(503, "The model store (S3) is unavailable; no model was changed. Try again later.",
                nothing), responses.forException(new ModelStoreUnavailableException("bucket gone", new RuntimeException())));
        assertEquals(new ErrorResponse(503, "The customer database is unavailable; try again later.", nothing),
                responses.forException(new RuntimeCamelException(SdkClientException.create("unreachable"))));
    }

    @Test
    void aRefusalOfTheHttpLayerKeepsItsStatusAndA503SaysNothingWasStored() {
        assertEquals(new ErrorResponse(415, "Content-Type must be application/json.", Map.of("received", "text/plain")),
                responses.forException(new ApiException(415, "Content-Type must be application/json.",
                        Map.of("received", "text/plain"))));
        assertEquals(new ErrorResponse(503, "busy", Map.of("stored", "no")),
                responses.forException(new ApiException(503, "busy", null)));
    }

    @Test
    void anythingElseIs500WithoutItsMessage() {
        assertEquals(new ErrorResponse(500, "The service failed to process the request.", null),
                responses.forException(new IllegalStateException("secret internals")));
    }
}
