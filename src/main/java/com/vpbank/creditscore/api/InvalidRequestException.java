package com.vpbank.creditscore.api;

/** A request the service refuses with 400: the message says what is wrong with it. */
public class InvalidRequestException extends ApiException {

    public InvalidRequestException(String message) {
        this(message, null);
    }

    public InvalidRequestException(String message, Object details) {
        super(400, message, details);
    }
}
