package com.vpbank.creditscore.observe;

import java.util.concurrent.Semaphore;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * A bound on the requests being served at once. A request over the bound is answered 503
 * at once, so that a burst is refused fast instead of queueing without end; its place is
 * given back when the exchange completes, whatever its outcome.
 */
public final class RequestLimits {

    private final int maxInFlight;
    private final Semaphore places;

    public RequestLimits(int maxInFlight, ServiceMetrics metrics) {
        this.maxInFlight = maxInFlight;
        this.places = new Semaphore(maxInFlight);
        metrics.inFlight(this::inFlight);
    }

    /** Called from a route as its first step. */
    public void enter(Exchange exchange) {
        if (!places.tryAcquire()) {
            throw new RequestLimitReachedException("The service is at its limit of " + maxInFlight
                    + " requests in flight; retry shortly.");
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                places.release();
            }
        });
    }

    public int inFlight() {
        return maxInFlight - places.availablePermits();
    }
}
