package com.vpbank.creditscore.portfolio;

/** The shard's lease was taken over by another replica: this one stops working it, and changes nothing more. */
public class LeaseLostException extends RuntimeException {

    public LeaseLostException(String message) {
        super(message);
    }
}
