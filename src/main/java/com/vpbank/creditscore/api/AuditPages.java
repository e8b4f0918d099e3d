package com.vpbank.creditscore.api;

import com.vpbank.creditscore.input.InvalidRequestException;
import com.vpbank.creditscore.risk.AuditTrail;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Header;

/**
 * GET /api/v1/audit: a page of the models' audit trail, oldest first, from {@code since}
 * (an ISO-8601 time) on, {@code limit} events (1 to 100, default 50), continued with the
 * {@code next} of the previous page as {@code cursor}.
 */
public final class AuditPages {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;

    private final AuditTrail trail;

    public AuditPages(AuditTrail trail) {
        this.trail = trail;
    }

    public Map<String, Object> page(@Header("since") String since, @Header("limit") String limit,
                                    @Header("cursor") String cursor) {
        String from = since(since);
        if (cursor != null && !AuditTrail.isCursor(cursor)) {
            throw new InvalidRequestException("Query parameter 'cursor' must be the 'next' of a previous page.");
        }
        AuditTrail.Page page = trail.page(from, cursor, limit(limit));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("events", page.events());
        if (page.next() != null) {
            answer.put("next", page.next());
        }
        return answer;
    }

    /** The time as the trail's keys sort it (ISO-8601 UTC with milliseconds), or empty for all. */
    private static String since(String since) {
        if (since == null || since.isBlank()) {
            return "";
        }
        try {
            return com.vpbank.creditscore.time.Timestamps.format(Instant.parse(since.trim()));
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("Query parameter 'since' must be an ISO-8601 time such as"
                    + " 2026-01-15T00:00:00Z.");
        }
    }

    private static int limit(String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException("Query parameter 'limit' must be a whole number from 1 to " + MAX_LIMIT + ".");
    }
}
