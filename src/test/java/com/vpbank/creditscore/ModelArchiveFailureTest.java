package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model archive that cannot be written (its folder is a file): no bundle serves, since a
 * version that is not archived could not be replayed; a reload answers 503 saying nothing
 * changed, and the audit trail records it as not archived.
 */
class ModelArchiveFailureTest {

    @Test
    void aBundleThatCannotBeArchivedDoesNotServe(@TempDir Path folder) throws IOException {
        Path notAFolder = Files.writeString(folder.resolve("archive"), "a file where the archive folder should be");
        try (RunningService service = RunningService.startNotWaiting(Map.of(
                "creditscore.models.archive-dir", notAFolder.toString(),
                "creditscore.models.load-retry-ms", "600000"))) {
            HttpResponse<String> reload = service.send(HttpRequest.newBuilder(service.uri("/models/reload"))
                    .POST(HttpRequest.BodyPublishers.noBody()));

            assertEquals(503, reload.statusCode(), reload.body());
            assertEquals("no", service.json(reload).at("/details/stored").asText());
            assertEquals(503, service.sendAsIs(HttpRequest.newBuilder(service.managementUri("/observe/health/ready"))
                    .GET()).statusCode());
            JsonNode events = service.json(service.get("/api/v1/audit")).get("events");
            JsonNode last = events.get(events.size() - 1);
            assertEquals("not_archived", last.get("outcome").asText(), events.toString());
            assertTrue(last.get("actor").asText().startsWith("key-"));
            assertTrue(service.json(service.get("/models")).get("champion").isNull());
        }
    }
}
