package com.vpbank.creditscore.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vpbank.creditscore.input.CustomerIds;
import com.vpbank.creditscore.input.InvalidRequestException;
import com.vpbank.creditscore.input.JsonObjects;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Header;

/**
 * Reads a search: {@code customer_id}, {@code limit} (history records, 1 to 100, default
 * 10) and {@code cursor} (the {@code next} of a previous answer). A GET takes them from the
 * query string; a POST from its JSON body only, whatever its query string holds.
 */
public final class SearchRequestReader {

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 100;

    private final ObjectMapper mapper;

    public SearchRequestReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public SearchRequest read(@Header("customer_id") String customerId, @Header("limit") String limit,
                              @Header("cursor") String cursor, @Header("CamelHttpMethod") String method,
                              @Body String body) {
        if (!"POST".equals(method)) {
            if (customerId == null) {
                throw new InvalidRequestException("Query parameter 'customer_id' is required.");
            }
            return new SearchRequest(CustomerIds.check(customerId), limit(limit), cursor(cursor));
        }
        JsonNode root = JsonObjects.read(mapper, body);
        JsonNode limitField = root.get("limit");
        if (limitField != null && !limitField.isNull() && !limitField.isIntegralNumber()) {
            throw limitError(limitField.toString());
        }
        JsonNode cursorField = root.get("cursor");
        if (cursorField != null && !cursorField.isNull() && !cursorField.isTextual()) {
            throw new InvalidRequestException("Field 'cursor' must be the 'next' string of a previous answer for this customer.");
        }
        return new SearchRequest(CustomerIds.read(root.get("customer_id")),
                limitField == null || limitField.isNull() ? DEFAULT_LIMIT : limit(limitField.asText()),
                cursorField == null || cursorField.isNull() ? null : cursor(cursorField.asText()));
    }

    private static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw limitError(value);
    }

    private static InvalidRequestException limitError(String value) {
        return new InvalidRequestException("'limit' must be a whole number from 1 to " + MAX_LIMIT + ".",
                Map.of("received", value));
    }

    private static String cursor(String value) {
        if (value == null) {
            return null;
        }
        if (value.isEmpty() || value.length() > 512) {
            throw new InvalidRequestException("'cursor' must be the 'next' string of a previous answer for this customer.");
        }
        return value;
    }
}
