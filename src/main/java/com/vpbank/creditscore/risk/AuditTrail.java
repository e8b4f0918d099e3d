package com.vpbank.creditscore.risk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The audit trail of the models, in a DynamoDB table the service only appends to (a put on
 * the condition that the key is new; no update, no delete): every reload of a bundle, loaded
 * or refused, with who asked (an API key's id, never the key), when, and the model versions
 * before and after. All events share the partition {@code trail} = {@value #TRAIL}, sorted by
 * {@code event_key} = time#sequence#id, so that a page from a time on is one query.
 */
public final class AuditTrail {

    public static final String TRAIL = "models";
    public static final String TRAIL_KEY = "trail";
    public static final String EVENT_KEY = "event_key";

    private static final Pattern CURSOR = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T[0-9:.]{12}Z_\\d{12}_[0-9a-f-]{36}");

    /** A page of events, oldest first, and the cursor of the next page, or null. */
    public record Page(List<JsonNode> events, String next) {
    }

    private final DynamoDbClient client;
    private final String table;
    private final ObjectMapper mapper;
    private final AtomicLong sequence = new AtomicLong();

    public AuditTrail(DynamoDbClient client, String table, ObjectMapper mapper) {
        this.client = client;
        this.table = table;
        this.mapper = mapper;
    }

    /** Appends one event; its {@code at} (a timestamp) orders it. */
    public void append(ObjectNode event) {
        String at = event.path("at").asText();
        ObjectNode stored = event.deepCopy();
        stored.put(TRAIL_KEY, TRAIL);
        // Time, then this process's sequence (events of one millisecond keep their order), then an id.
        stored.put(EVENT_KEY, at + "#" + String.format("%012d", sequence.incrementAndGet()) + "#" + UUID.randomUUID());
        Map<String, AttributeValue> item;
        try {
            item = EnhancedDocument.fromJson(mapper.writeValueAsString(stored)).toMap();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        try {
            client.putItem(request -> request.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#key)")
                    .expressionAttributeNames(Map.of("#key", EVENT_KEY)));
        } catch (ConditionalCheckFailedException landed) {
            // The key is this event's own: an earlier attempt of this put (retried by the SDK
            // after its answer was lost) landed already.
        }
    }

    /** Whether a cursor is one this trail gives. */
    public static boolean isCursor(String cursor) {
        return CURSOR.matcher(cursor).matches();
    }

    /**
     * Events at or after {@code since} (a timestamp, or empty for all), or after the event of
     * {@code cursor}, oldest first, at most {@code limit}.
     */
    public Page page(String since, String cursor, int limit) {
        Map<String, AttributeValue> values = new HashMap<>();
        Map<String, String> names = new HashMap<>(Map.of("#trail", TRAIL_KEY));
        values.put(":trail", AttributeValue.fromS(TRAIL));
        String condition = "#trail = :trail";
        if (cursor != null) {
            condition += " AND #key > :after";
            names.put("#key", EVENT_KEY);
            values.put(":after", AttributeValue.fromS(cursor.replace('_', '#')));
        } else if (!since.isEmpty()) {
            condition += " AND #key >= :since";
            names.put("#key", EVENT_KEY);
            values.put(":since", AttributeValue.fromS(since));
        }
        String keyCondition = condition;
        QueryResponse response = client.query(request -> request.tableName(table).consistentRead(true)
                .keyConditionExpression(keyCondition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .limit(limit + 1));
        List<JsonNode> events = new ArrayList<>();
        String last = null;
        for (Map<String, AttributeValue> item : response.items()) {
            if (events.size() == limit) {
                return new Page(events, last);
            }
            // The event's key as the next page's cursor, '#' as '_' so that it goes in a query string as it is.
            last = item.get(EVENT_KEY).s().replace('#', '_');
            events.add(event(item));
        }
        return new Page(events, null);
    }

    private JsonNode event(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> shown = new LinkedHashMap<>(item);
        shown.remove(TRAIL_KEY);
        try {
            ObjectNode event = (ObjectNode) mapper.readTree(EnhancedDocument.fromAttributeValueMap(shown).toJson());
            // The key as the page's cursor gives it: the last event's id is the next page's cursor.
            event.put("event_id", event.remove(EVENT_KEY).asText().replace('#', '_'));
            return event;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
