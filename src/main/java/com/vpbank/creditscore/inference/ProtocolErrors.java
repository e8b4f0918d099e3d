package com.vpbank.creditscore.inference;

import com.vpbank.creditscore.api.ErrorResponse;
import com.vpbank.creditscore.api.ErrorResponses;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * The error answers of the protocol's paths: the service's status and message for the
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
