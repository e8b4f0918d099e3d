package com.vpbank.creditscore.api;

import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;

/**
 * The HTTP server's header filter (platform-http's {@code headerFilterStrategy}): an answer
 * carries only {@code Content-Type} and {@code X-Request-Id} of the message's headers, so no
 * request header, query parameter or header a route set for its own use (a DynamoDB key, an
 * Idempotency-Key) is echoed to the client. Headers coming in are filtered as Camel's HTTP
 * components do by default.
 */
public final class ResponseHeaderFilter extends HttpHeaderFilterStrategy {

    private static final Set<String> ANSWERED = Set.of("content-type", "x-request-id");

    /** {@code true} filters the header out of the answer. */
    @Override
    public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
        return name == null || !ANSWERED.contains(name.toLowerCase(Locale.ROOT));
    }
}
