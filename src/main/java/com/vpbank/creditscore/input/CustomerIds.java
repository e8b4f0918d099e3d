package com.vpbank.creditscore.input;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/** The rule for customer ids: 1 to 64 letters, digits, {@code _} or {@code -}. */
public final class CustomerIds {

    private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private CustomerIds() {
    }

    /** The id in a JSON field, or {@link InvalidRequestException} saying what is wrong with it. */
    public static String read(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new InvalidRequestException("Field 'customer_id' is required.");
        }
        if (!node.isTextual()) {
            throw new InvalidRequestException("Field 'customer_id' must be a string.");
        }
        return check(node.asText());
    }

    public static String check(String customerId) {
        if (customerId.isEmpty()) {
            throw new InvalidRequestException("Field 'customer_id' must not be empty.");
        }
        if (!CUSTOMER_ID.matcher(customerId).matches()) {
            throw new InvalidRequestException(
                    "Field 'customer_id' must be 1 to 64 letters, digits, '_' or '-'.");
        }
        return customerId;
    }
}
