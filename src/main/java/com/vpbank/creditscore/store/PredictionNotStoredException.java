package com.vpbank.creditscore.store;

/**
 * A prediction that could not be stored, so it is not answered. {@code stored} tells the
 * client what the tables hold: {@code "no"}, nothing of it; {@code "unknown"}, a write was
 * sent whose outcome is not known (a retry with the same {@code Idempotency-Key} gets the
 * stored answer, if it was stored).
 */
public class PredictionNotStoredException extends RuntimeException {

    private final String stored;

    public PredictionNotStoredException(String stored, Throwable cause) {
        super("The prediction was not stored (stored: " + stored + ")", cause);
        this.stored = stored;
    }

    public String stored() {
        return stored;
    }
}
