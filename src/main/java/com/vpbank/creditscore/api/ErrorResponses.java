package com.vpbank.creditscore.api;

import com.vpbank.creditscore.model.ModelsUnavailableException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns an exception caught by a route into the error answer of the API contract. Only
 * messages written for clients reach the body; anything else is logged and answered with
 * a generic sentence, never a stack trace.
 */
public final class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    public ErrorResponse forException(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable caught) {
        Throwable failure = known(caught);
        if (failure instanceof ApiException refused) {
            return new ErrorResponse(refused.status(), refused.getMessage(), refused.details());
        }
        if (failure instanceof ModelsUnavailableException unavailable) {
            LOG.warn("Models unavailable: {}", unavailable.getMessage());
            return new ErrorResponse(503, unavailable.getMessage(), null);
        }
        if (failure instanceof SdkException sdk) {
            LOG.warn("DynamoDB unavailable: {}", sdk.getClass().getSimpleName());
            return new ErrorResponse(503, "The customer database is unavailable; try again later.", null);
        }
        LOG.error("Unexpected failure", failure);
        return new ErrorResponse(500, "The service failed to process the request.", null);
    }

    /** The failure itself, or the first of its causes that the API answers, when a route wrapped it. */
    private static Throwable known(Throwable caught) {
        for (Throwable cause = caught; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException || cause instanceof ModelsUnavailableException
                    || cause instanceof SdkException) {
                return cause;
            }
        }
        return caught;
    }
}
