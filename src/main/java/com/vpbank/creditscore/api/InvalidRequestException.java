package com.vpbank.creditscore.api;

/** A request the service refuses with 400: the message says what is wrong with it. */
public class InvalidRequestException extends RuntimeException {

    private final transient Object details;

    public InvalidRequestException(String message) {
        this(message, null);
    }

    public InvalidRequestException(String message, Object details) {
        super(message);
        this.details = details;
    }

    public Object details() {
        return details;
    }
}
