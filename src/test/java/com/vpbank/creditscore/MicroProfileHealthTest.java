package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Liveness and readiness on the management port are MicroProfile Health: the standard JSON,
 * with Camel's checks and the service's own. Readiness is DOWN with no model bundle, and UP
 * once one is loaded; liveness stays UP throughout. The health path lists each check once, and
 * each path answers HEAD as GET, without a body.
 */
class MicroProfileHealthTest {

    @Test
    void readinessIsDownWithoutABundleAndUpOnceOneIsLoaded(@TempDir Path bundle) throws IOException {
        try (RunningService service = RunningService.startNotWaiting(Map.of(
                "creditscore.models-dir", bundle.toString(),
                "creditscore.models.load-retry-ms", "600000"))) {
            HttpResponse<String> notReady = probe(service, "/observe/health/ready");
            JsonNode down = service.json(notReady);
            assertEquals(503, notReady.statusCode(), notReady.body());
            assertEquals("DOWN", down.get("status").asText());
            JsonNode models = check(down, "models");
            assertEquals("DOWN", models.get("status").asText());
            assertEquals("The model bundle is not loaded yet.", models.at("/data/reason").asText(), models.toString());
            assertEquals("UP", check(down, "context").get("status").asText());
            HttpResponse<String> headNotReady = head(service, "/observe/health/ready");
            assertEquals(503, headNotReady.statusCode());
            assertEquals("", headNotReady.body());

            HttpResponse<String> live = probe(service, "/observe/health/live");
            assertEquals(200, live.statusCode(), live.body());
            assertEquals("UP", service.json(live).get("status").asText());
            assertEquals("UP", check(service.json(live), "context").get("status").asText());

            DeploymentFilesTest.copyFolder(Path.of("models"), bundle);
            assertEquals(200, service.send(HttpRequest.newBuilder(service.uri("/models/reload"))
                    .POST(HttpRequest.BodyPublishers.noBody())).statusCode());

            HttpResponse<String> ready = probe(service, "/observe/health/ready");
            JsonNode up = service.json(ready);
            assertEquals(200, ready.statusCode(), ready.body());
            assertEquals("UP", up.get("status").asText());
            assertEquals("UP", check(up, "models").get("status").asText());
            assertEquals(1, check(up, "models").at("/data/generation").asInt(), up.toString());
            assertEquals("UP", check(up, "customer-table").get("status").asText());
            assertEquals(service.customerTable(), check(up, "customer-table").at("/data/table").asText());
            assertEquals("UP", check(up, "camel-routes").get("status").asText());

            HttpResponse<String> all = probe(service, "/observe/health");
            assertEquals(200, all.statusCode(), all.body());
            assertEquals("UP", service.json(all).get("status").asText());
            List<String> names = new ArrayList<>();
            service.json(all).get("checks").forEach(check -> names.add(check.get("name").asText()));
            assertEquals(new HashSet<>(names).size(), names.size(), "a check listed twice: " + names);
            assertTrue(names.containsAll(List.of("context", "models", "customer-table", "camel-routes")), names.toString());

            for (String path : List.of("/observe/health/live", "/observe/health/ready", "/observe/health")) {
                HttpResponse<String> head = head(service, path);
                assertEquals(200, head.statusCode(), path);
                assertEquals("", head.body(), path);
                assertEquals("application/json", head.headers().firstValue("Content-Type").orElse(""), path);
            }
        }
    }

    private static HttpResponse<String> probe(RunningService service, String path) {
        return service.sendAsIs(HttpRequest.newBuilder(service.managementUri(path)).GET());
    }

    private static HttpResponse<String> head(RunningService service, String path) {
        return service.sendAsIs(HttpRequest.newBuilder(service.managementUri(path))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    /** The check of that name in a MicroProfile Health answer. */
    private static JsonNode check(JsonNode health, String name) {
        for (JsonNode check : health.get("checks")) {
            if (check.get("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("No check " + name + " in " + health);
    }
}
