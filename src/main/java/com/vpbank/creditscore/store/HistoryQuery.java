package com.vpbank.creditscore.store;

/**
 * What a page of a customer's prediction history is asked by: whose records, how many, and
 * the cursor (a {@code next} given earlier) it continues from, {@code null} for the first page.
 */
public interface HistoryQuery {

    String customerId();

    int limit();

    String cursor();
}
