package com.vpbank.creditscore.observe;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.telemetry.Span;
import org.apache.camel.telemetry.decorators.PlatformHttpSpanDecorator;

/**
 * The span of an HTTP request as the service's API took it (camel-opentelemetry2 finds it as a
 * {@code SpanDecorator} service, in place of Camel's own for {@code platform-http}): named
 * {@code <method> <API path>}, with OpenTelemetry's HTTP server attributes. Nothing the client
 * chose is written as it came: no URL, whose path may hold a customer id, and no path parameter;
 * the route is the API path the request matched, the method one of HTTP's own or {@code _OTHER}.
 */
public final class HttpServerSpans extends PlatformHttpSpanDecorator {

    @Override
    public String getOperationName(Exchange exchange, Endpoint endpoint) {
        return spanName(exchange, apiPath(endpoint));
    }

    @Override
    public void beforeTracingEvent(Span span, Exchange exchange, Endpoint endpoint) {
        tag(span, exchange, getComponent(), apiPath(endpoint));
    }

    @Override
    public void afterTracingEvent(Span span, Exchange exchange) {
        super.afterTracingEvent(span, exchange);
        tagStatus(span, exchange);
    }

    static String spanName(Exchange exchange, String route) {
        String method = method(exchange);
        return route == null ? method : method + " " + route;
    }

    /** The attributes of the request, before it is served. */
    static void tag(Span span, Exchange exchange, String component, String route) {
        span.setComponent("camel-" + component);
        span.setTag("http.request.method", method(exchange));
        if (route != null) {
            span.setTag("http.route", route);
        }
    }

    /** The answer's status, once it is decided; a 5xx marks the span failed (a 4xx is the client's). */
    static void tagStatus(Span span, Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        int answered = status == null ? 200 : status;
        span.setTag("http.response.status_code", Integer.toString(answered));
        if (answered >= 500) {
            span.setError(true);
        }
    }

    private static String method(Exchange exchange) {
        String method = ServiceMetrics.methodName(exchange.getIn().getHeader(Exchange.HTTP_METHOD, "", String.class));
        return method.equals(ServiceMetrics.OTHER_METHOD) ? "_OTHER" : method;
    }

    /** The API path the route declares; none for the route that takes any path. */
    private static String apiPath(Endpoint endpoint) {
        return endpoint instanceof PlatformHttpEndpoint http && !http.isMatchOnUriPrefix() ? http.getPath() : null;
    }
}
