package com.vpbank.creditscore.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class RequestLimitsTest {

    private final DefaultCamelContext context = new DefaultCamelContext();

    @Test
    void overTheLimitARequestIsRefusedAt503UntilAPlaceIsGivenBack() {
        RequestLimits limits = new RequestLimits(2, ServiceMetrics.none());
        Exchange first = new DefaultExchange(context);
        Exchange second = new DefaultExchange(context);
        limits.enter(first);
        limits.enter(second);

        RequestLimitReachedException refused = assertThrows(RequestLimitReachedException.class,
                () -> limits.enter(new DefaultExchange(context)));
        assertEquals("The service is at its limit of 2 requests in flight; retry shortly.", refused.getMessage());
        assertEquals(2, limits.inFlight());

        complete(first, false);
        assertEquals(1, limits.inFlight());
        limits.enter(new DefaultExchange(context));
        complete(second, true);
        assertEquals(1, limits.inFlight(), "a failed exchange gives its place back too");
    }

    private static void complete(Exchange exchange, boolean failed) {
        for (Synchronization done : exchange.getExchangeExtension().handoverCompletions()) {
            if (failed) {
                done.onFailure(exchange);
            } else {
                done.onComplete(exchange);
            }
        }
    }
}
