package com.vpbank.creditscore.api;


/**
 * Lets a route refuse a request with an error of the API's contract: a 4xx status and the
 * message the client reads, answered as every error is ({@code {"error": ...}}, with the
 * request id and the request log line), with nothing stored. A route calls it as
 * {@code refuse(422, 'The customer is on hold and is not scored.')}.
 */
public final class ContractErrors {

    /** Throws the refusal; a status outside 400-499 is a mistake of the route and answers 500. */
    public void refuse(int status, String message) {
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("A route's refusal takes a 4xx status, not " + status);
        }
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("A route's refusal needs a message");
        }
        throw new ApiException(status, message, null);
    }
}
