package com.vpbank.creditscore.api;

/**
 * The sentences of the error answers that more than one part of the HTTP layer gives: the
 * routes' checks ({@link RequestChecks}, {@link ErrorResponses}) and the HTTP server's own
 * answers ({@link HttpServerErrors}).
 */
final class ErrorMessages {

    /** A POST whose body is not JSON: 415. */
    static final String NOT_JSON = "Content-Type must be application/json.";

    /** A failure the service did not expect: 500, with no more said. */
    static final String FAILED = "The service failed to process the request.";

    private ErrorMessages() {
    }

    /** A body over the limit: 413. */
    static String bodyTooLarge(long limitBytes) {
        return "Request body is larger than " + limitBytes + " bytes.";
    }
}
