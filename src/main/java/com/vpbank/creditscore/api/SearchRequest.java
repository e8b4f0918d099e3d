package com.vpbank.creditscore.api;

import com.vpbank.creditscore.observe.CustomerRequest;
import com.vpbank.creditscore.store.HistoryQuery;

/**
 * A validated search: whose predictions, how many history records, and from where on. It is
 * the history query the search route gives the store ({@code historyQueries}) as it is.
 */
public record SearchRequest(String customerId, int limit, String cursor) implements HistoryQuery, CustomerRequest {
}
