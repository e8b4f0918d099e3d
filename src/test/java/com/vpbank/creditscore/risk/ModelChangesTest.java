package com.vpbank.creditscore.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vpbank.creditscore.RunningService;
import com.vpbank.creditscore.store.ServiceTables;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Refusals in the audit trail against DynamoDB Local: every refusal asked for by a key is
 * recorded; the service's own retries record one until the reason changes.
 */
class ModelChangesTest {

    @Test
    void theServicesRetriesRecordARefusalOnceUntilItsReasonChanges(@TempDir Path archive) {
        String table = "audit-" + UUID.randomUUID();
        try (DynamoDbClient client = RunningService.client(RunningService.dynamoDbLocal().endpoint())) {
            new ServiceTables(client).createAuditTable(table);
            AuditTrail trail = new AuditTrail(client, table, new ObjectMapper());
            ModelChanges changes = new ModelChanges(false, new FolderModelArchive(archive),
                    new ModelInventory(Map.of(), archive.toString()), trail, new ObjectMapper(), Clock.systemUTC());

            for (int retry = 0; retry < 5; retry++) {
                changes.refused("champion", ModelChanges.SERVICE, "refused", Optional.empty(), "no model folder");
            }
            changes.refused("champion", ModelChanges.SERVICE, "refused", Optional.empty(), "scaler.json: missing");
            changes.refused("champion", "key-0123456789abcdef", "refused", Optional.empty(), "scaler.json: missing");
            changes.refused("champion", "key-0123456789abcdef", "refused", Optional.empty(), "scaler.json: missing");
            changes.refused("challenger", ModelChanges.SERVICE, "refused", Optional.empty(), "no model folder");

            AuditTrail.Page page = trail.page("", null, 100);
            assertEquals(5, page.events().size(), page.events().toString());
            assertEquals("no model folder", page.events().get(0).get("reason").asText());
            assertEquals("key-0123456789abcdef", page.events().get(3).get("actor").asText());
        }
    }
}
