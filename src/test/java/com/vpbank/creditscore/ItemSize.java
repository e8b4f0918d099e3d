package com.vpbank.creditscore;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The size DynamoDB bills an item at, by its published rules: each attribute's name in
 * UTF-8 plus its value (a string in UTF-8, binary as is, a number at about one byte per two
 * significant digits plus one, a map or list 3 bytes plus 1 per element plus its elements,
 * null and booleans 1 byte).
 */
final class ItemSize {

    private ItemSize() {
    }

    static int of(Map<String, AttributeValue> item) {
        int size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += utf8(attribute.getKey()) + value(attribute.getValue());
        }
        return size;
    }

    private static int value(AttributeValue value) {
        if (value.s() != null) {
            return utf8(value.s());
        }
        if (value.n() != null) {
            String digits = new BigDecimal(value.n()).unscaledValue().abs().toString().replaceAll("^0+|0+$", "");
            return (Math.max(digits.length(), 1) + 1) / 2 + 1;
        }
        if (value.b() != null) {
            return value.b().asByteArray().length;
        }
        if (value.hasM()) {
            return 3 + value.m().size() + of(value.m());
        }
        if (value.hasL()) {
            int size = 3 + value.l().size();
            for (AttributeValue element : value.l()) {
                size += value(element);
            }
            return size;
        }
        return 1;
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
