package com.vpbank.creditscore.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vpbank.creditscore.input.InvalidRequestException;
import com.vpbank.creditscore.observe.RequestLimitReachedException;
import com.vpbank.creditscore.security.ApiKeyRefusedException;
import com.vpbank.creditscore.store.IdempotencyKeyException;
import com.vpbank.creditscore.store.InvalidCursorException;
import java.util.Map;
import org.apache.camel.RuntimeCamelException;
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
}
