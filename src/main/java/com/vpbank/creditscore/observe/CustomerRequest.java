package com.vpbank.creditscore.observe;

/**
 * A request about one customer: the request log line names the customer by the keyed hash
 * of this id ({@link CustomerIdHashes}), never by the id itself.
 */
public interface CustomerRequest {

    String customerId();
}
