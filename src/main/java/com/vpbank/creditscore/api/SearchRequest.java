package com.vpbank.creditscore.api;

/** A validated search: whose predictions, how many history records, and from where on. */
public record SearchRequest(String customerId, int limit, String cursor) {
}
