package com.vpbank.creditscore.security;

/** A request whose API key does not allow it: none, an unknown one, or one without the route's role. */
public final class ApiKeyRefusedException extends RuntimeException {

    /** Why the key was refused. */
    public enum Reason {
        /** No key was sent. */
        MISSING,
        /** The key is not one of the configured keys. */
        UNKNOWN,
        /** The key is known but does not hold the route's role. */
        WITHOUT_ROLE
    }

    private final Reason reason;

    public ApiKeyRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
