package com.vpbank.creditscore.input;

/**
 * Input the service refuses: the message says what is wrong with it, written for the client;
 * the details, when there are any, name the values concerned. The API answers it with 400.
 */
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
