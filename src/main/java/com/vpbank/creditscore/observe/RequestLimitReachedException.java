package com.vpbank.creditscore.observe;

/** A request that came while the service already serves as many as it may at once. */
public final class RequestLimitReachedException extends RuntimeException {

    public RequestLimitReachedException(String message) {
        super(message);
    }
}
