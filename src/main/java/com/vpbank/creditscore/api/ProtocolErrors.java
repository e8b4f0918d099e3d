package com.vpbank.creditscore.api;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * The error answers of the Open Inference Protocol's paths ({@code /v2}): the service's status and message for the
 * caught exception ({@link ErrorResponses}), in the protocol's shape {@code {"error": "..."}}.
 */
public final class ProtocolErrors {

    private final ErrorResponses errors;

    public ProtocolErrors(ErrorResponses errors) {
        this.errors = errors;
    }

    public ProtocolError forException(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable caught) {
        ErrorResponse answer = errors.forException(caught);
        return new ProtocolError(answer.status(), answer.error());
    }
}
