package com.vpbank.creditscore.store;

/** A search cursor this service did not give for this customer: forged, changed, or another customer's. */
public final class InvalidCursorException extends RuntimeException {

    public InvalidCursorException(String message) {
        super(message);
    }
}
