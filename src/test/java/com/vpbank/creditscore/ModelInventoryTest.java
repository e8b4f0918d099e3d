package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vpbank.creditscore.security.ApiKeys;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * GET /models, the audit trail and approval, through HTTP against a real service whose
 * bundles (champion and challenger) are folders with approved models: the inventory's
 * SHA-256 of each file is checked against the files, each reload is in the audit trail with
 * the versions before and after and the key's id (never the key), a bundle without approval
 * is refused when approval is required, and no path of the API changes the trail.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelInventoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FIRST = "2026-03-01.1";
    private static final String SECOND = "2026-04-01.1";
    private static final String KEY_ID = "key-" + ApiKeys.sha256Hex(RunningService.TEST_API_KEY).substring(0, 16);

    @TempDir
    static Path folder;

    private static Path champion;
    private static RunningService service;

    @BeforeAll
    static void start() throws IOException {
        champion = approved(ChallengerBundles.write(folder.resolve("champion"), FIRST, Map.of()), "validator-1");
        Path challenger = approved(ChallengerBundles.write(folder.resolve("challenger"), "2026-03-15.1",
                Map.of("social", 5.0)), "validator-2");
        service = RunningService.start(Map.of(
                "creditscore.models-dir", champion.toString(),
                "creditscore.challenger.dir", challenger.toString(),
                "creditscore.models.approval-required", "true"));
        service.awaitChallenger();
        // The inventory entry of a load is written just after the generation serves.
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (!service.json(service.get("/models")).at("/challenger/models/0/version").isTextual()
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    @Order(1)
    void inventoryShowsEachFilesSha256WhereAndWhenAndTheApproval() throws Exception {
        HttpResponse<String> response = service.get("/models");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode inventory = service.json(response);

        JsonNode championEntry = inventory.get("champion");
        assertEquals(champion.toAbsolutePath().normalize().toString(), championEntry.get("source").asText());
        assertTrue(championEntry.get("loaded_at").asText().endsWith("Z"));
        List<String> names = new ArrayList<>();
        for (JsonNode model : championEntry.get("models")) {
            String name = model.get("name").asText();
            names.add(name);
            assertEquals(FIRST, model.get("version").asText());
            assertEquals(sha256OfEachFile(champion.resolve(name)), JSON.convertValue(model.get("files"), Map.class),
                    name);
            assertEquals("validator-1", model.at("/approval/approved_by").asText());
            assertEquals("2026-02-27T10:00:00Z", model.at("/approval/approved_at").asText());
            assertEquals("VAL-" + name, model.at("/approval/validation_reference").asText());
            assertEquals(championEntry.get("loaded_at").asText(), model.get("loaded_at").asText());
        }
        assertEquals(List.of("social", "traditional", "xgboost"), names);
        assertEquals("2026-03-15.1", inventory.at("/challenger/models/0/version").asText());
        assertEquals("validator-2", inventory.at("/challenger/models/0/approval/approved_by").asText());
    }

    @Test
    @Order(2)
    void startUpLoadsAndEachReloadAreInTheTrailWithVersionsBeforeAndAfterAndTheKeyId() throws Exception {
        ChallengerBundles.write(folder.resolve("second"), SECOND, Map.of());
        replaceBundle(approved(folder.resolve("second"), "validator-1"));

        HttpResponse<String> reload = reload("");
        assertEquals(200, reload.statusCode(), reload.body());

        HttpResponse<String> page = service.get("/api/v1/audit");
        assertEquals(200, page.statusCode(), page.body());
        assertFalse(page.body().contains(RunningService.TEST_API_KEY), "the key itself is never in the trail");
        List<JsonNode> events = new ArrayList<>();
        service.json(page).get("events").forEach(events::add);
        JsonNode startUp = only(events, "champion", "service");
        assertEquals("loaded", startUp.get("outcome").asText());
        assertTrue(startUp.get("generation_before").isNull());
        assertEquals(versions(FIRST), startUp.get("models_after"));
        assertEquals("loaded", only(events, "challenger", "service").get("outcome").asText());

        JsonNode reloaded = only(events, "champion", KEY_ID);
        assertEquals("model_reload", reloaded.get("event").asText());
        assertEquals("loaded", reloaded.get("outcome").asText());
        assertEquals(1, reloaded.get("generation_before").asInt());
        assertEquals(2, reloaded.get("generation_after").asInt());
        assertEquals(versions(FIRST), reloaded.get("models_before"));
        assertEquals(versions(SECOND), reloaded.get("models_after"));
        assertTrue(reloaded.get("at").asText().compareTo(startUp.get("at").asText()) >= 0);

        // since: only what came at or after the reload
        HttpResponse<String> since = service.get("/api/v1/audit?since=" + reloaded.get("at").asText());
        assertEquals(1, service.json(since).get("events").size(), since.body());
    }

    @Test
    @Order(3)
    void aBundleWithoutApprovalIsRefusedAndAuditedAndTheCurrentOneKeepsServing() throws Exception {
        Path config = champion.resolve("social/config.json");
        ObjectNode unapproved = (ObjectNode) JSON.readTree(config.toFile());
        unapproved.remove("approval");
        unapproved.put("version", "2026-05-01.1");
        JSON.writeValue(config.toFile(), unapproved);

        HttpResponse<String> reload = reload("");

        assertEquals(422, reload.statusCode(), reload.body());
        assertTrue(service.json(reload).get("error").asText().contains("social/config.json: no approval"),
                reload.body());
        JsonNode inventory = service.json(service.get("/models"));
        assertEquals(SECOND, inventory.at("/champion/models/0/version").asText());
        List<JsonNode> events = new ArrayList<>();
        service.json(service.get("/api/v1/audit")).get("events").forEach(events::add);
        JsonNode refused = events.get(events.size() - 1);
        assertEquals("refused", refused.get("outcome").asText());
        assertEquals(KEY_ID, refused.get("actor").asText());
        assertEquals(versions(SECOND), refused.get("models_before"));
        assertTrue(refused.get("reason").asText().contains("no approval"));
        replaceBundle(approved(ChallengerBundles.write(folder.resolve("third"), SECOND, Map.of()), "validator-1"));
    }

    @Test
    @Order(4)
    void aChallengerReloadIsInTheTrail() {
        HttpResponse<String> reload = reload("?bundle=challenger");
        assertEquals(200, reload.statusCode(), reload.body());
        List<JsonNode> events = new ArrayList<>();
        service.json(service.get("/api/v1/audit")).get("events").forEach(events::add);
        JsonNode last = events.get(events.size() - 1);
        assertEquals("challenger", last.get("bundle").asText());
        assertEquals(KEY_ID, last.get("actor").asText());
        assertEquals("loaded", last.get("outcome").asText());
    }

    @Test
    @Order(5)
    void theTrailPagesWithACursorAndRefusesBadParameters() {
        JsonNode first = service.json(service.get("/api/v1/audit?limit=2"));
        assertEquals(2, first.get("events").size());
        JsonNode second = service.json(service.get("/api/v1/audit?limit=2&cursor=" + first.get("next").asText()));
        assertFalse(second.get("events").get(0).get("event_id").asText()
                .equals(first.get("events").get(1).get("event_id").asText()));
        assertTrue(second.get("events").get(0).get("at").asText()
                .compareTo(first.get("events").get(1).get("at").asText()) >= 0);
        assertEquals(400, service.get("/api/v1/audit?limit=0").statusCode());
        assertEquals(400, service.get("/api/v1/audit?since=yesterday").statusCode());
        assertEquals(400, service.get("/api/v1/audit?cursor=x").statusCode());
    }

    @Test
    @Order(6)
    void noPathChangesTheTrailAndOnlyAdminsReadIt() {
        List<Map<String, AttributeValue>> before = trail();
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            HttpResponse<String> response = service.send(HttpRequest.newBuilder(service.uri("/api/v1/audit"))
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString("{\"events\": []}")));
            assertTrue(response.statusCode() == 404 || response.statusCode() == 405, method + " " + response.statusCode());
        }
        String scorerOnly = "scorer-only-key";
        HttpResponse<String> refused = service.sendAsIs(HttpRequest.newBuilder(service.uri("/api/v1/audit"))
                .header("Authorization", "Bearer " + scorerOnly).GET());
        assertEquals(401, refused.statusCode());
        assertEquals(before, trail());
        assertEquals(401, service.sendAsIs(HttpRequest.newBuilder(service.uri("/models")).GET()).statusCode());
    }

    private static List<Map<String, AttributeValue>> trail() {
        return service.dynamo().scanPaginator(request -> request.tableName(auditTable()).consistentRead(true))
                .items().stream().toList();
    }

    private static String auditTable() {
        return service.camelContext().getPropertiesComponent().resolveProperty("creditscore.audit-table").orElseThrow();
    }

    private static JsonNode only(List<JsonNode> events, String bundle, String actor) {
        List<JsonNode> found = events.stream()
                .filter(event -> event.get("bundle").asText().equals(bundle) && event.get("actor").asText().equals(actor))
                .toList();
        assertEquals(1, found.size(), bundle + " by " + actor + " in " + events);
        return found.get(0);
    }

    private static JsonNode versions(String version) {
        var array = JSON.createArrayNode();
        for (String name : List.of("social", "traditional", "xgboost")) {
            array.addObject().put("name", name).put("version", version);
        }
        return array;
    }

    private static HttpResponse<String> reload(String query) {
        return service.send(HttpRequest.newBuilder(service.uri("/models/reload" + query))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** Gives each model of the bundle an approval in its config.json. */
    static Path approved(Path bundle, String approvedBy) throws IOException {
        for (String name : List.of("traditional", "social", "xgboost")) {
            Path config = bundle.resolve(name).resolve("config.json");
            ObjectNode node = (ObjectNode) JSON.readTree(config.toFile());
            node.putObject("approval").put("approved_by", approvedBy).put("approved_at", "2026-02-27T10:00:00Z")
                    .put("validation_reference", "VAL-" + name);
            JSON.writeValue(config.toFile(), node);
        }
        return bundle;
    }

    /** Puts the files of {@code from} in place of the champion's folder. */
    private static void replaceBundle(Path from) throws IOException {
        for (String name : List.of("traditional", "social", "xgboost")) {
            try (Stream<Path> files = Files.list(from.resolve(name))) {
                for (Path file : files.toList()) {
                    Files.copy(file, champion.resolve(name).resolve(file.getFileName()),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static Map<String, String> sha256OfEachFile(Path modelFolder) throws Exception {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.list(modelFolder)) {
            for (Path file : files.toList()) {
                hashes.put(file.getFileName().toString(), HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
            }
        }
        return hashes;
    }
}
