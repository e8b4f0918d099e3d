package com.vpbank.creditscore.store;

/** A request whose Idempotency-Key cannot be honoured: malformed, in use by a request still running, or used before with another request. */
public final class IdempotencyKeyException extends RuntimeException {

    /** What is wrong with the key. */
    public enum Reason {
        /** Not 1 to 128 printable characters. */
        MALFORMED,
        /** Claimed by a request that has not answered yet. */
        IN_PROGRESS,
        /** Answered already, for another request. */
        REUSED
    }

    private final Reason reason;

    public IdempotencyKeyException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
