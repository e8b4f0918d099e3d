package com.vpbank.creditscore.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vpbank.creditscore.RunningService;
import com.vpbank.creditscore.store.ServiceTables;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The audit trail against DynamoDB Local: appended events come back oldest first, paged, from a time on. */
class AuditTrailTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void eventsComeBackInOrderPagedAndFromATimeOn() {
        String table = "audit-" + UUID.randomUUID();
        try (DynamoDbClient client = RunningService.client(RunningService.dynamoDbLocal().endpoint())) {
            new ServiceTables(client).createAuditTable(table);
            AuditTrail trail = new AuditTrail(client, table, mapper);
            for (int i = 0; i < 5; i++) {
                ObjectNode event = mapper.createObjectNode().put("at", "2026-01-0" + (i + 1) + "T00:00:00.000Z")
                        .put("outcome", "loaded").put("n", i);
                event.putNull("generation_before");
                event.putArray("models_before");
                trail.append(event);
            }
            AuditTrail.Page first = trail.page("", null, 2);
            assertEquals(2, first.events().size());
            assertEquals(0, first.events().get(0).get("n").asInt());
            assertEquals(1, first.events().get(1).get("n").asInt());
            assertEquals(true, first.events().get(0).get("generation_before").isNull());
            AuditTrail.Page second = trail.page("", first.next(), 2);
            assertEquals(2, second.events().get(0).get("n").asInt());
            AuditTrail.Page since = trail.page("2026-01-04T00:00:00.000Z", null, 10);
            assertEquals(2, since.events().size());
            assertNull(since.next());
        }
    }
}
