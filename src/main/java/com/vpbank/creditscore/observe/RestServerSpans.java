package com.vpbank.creditscore.observe;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.telemetry.Span;
import org.apache.camel.telemetry.decorators.RestSpanDecorator;

/**
 * The span of an HTTP request taken by a route of the REST DSL, as {@link HttpServerSpans}
 * writes it (in place of Camel's own for {@code rest}, which would copy each path parameter,
 * a customer id among them, into the span): {@code <method> <API path>}, its route and method.
 */
public final class RestServerSpans extends RestSpanDecorator {

    @Override
    public String getOperationName(Exchange exchange, Endpoint endpoint) {
        return HttpServerSpans.spanName(exchange, getPath(endpoint.getEndpointUri()));
    }

    @Override
    public void beforeTracingEvent(Span span, Exchange exchange, Endpoint endpoint) {
        HttpServerSpans.tag(span, exchange, getComponent(), getPath(endpoint.getEndpointUri()));
    }

    @Override
    public void afterTracingEvent(Span span, Exchange exchange) {
        super.afterTracingEvent(span, exchange);
        HttpServerSpans.tagStatus(span, exchange);
    }
}
