package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * While the service starts, readiness is never UP before the model bundle serves: from the
 * first answer on, it carries the models check, so that no probe finds the service ready
 * with the checks still being registered, and it never fails with a 500.
 */
class ReadinessAtStartUpTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private record Probe(int status, String body) {
    }

    @Test
    void readinessAnswersCarryTheModelsCheckFromTheFirstOneOn() throws Exception {
        for (int start = 1; start <= 3; start++) {
            int managementPort = RunningService.freePort();
            AtomicBoolean done = new AtomicBoolean();
            ExecutorService prober = Executors.newSingleThreadExecutor();
            Future<List<Probe>> probes = prober.submit(() -> probeUntilReady(managementPort, done));
            try (RunningService ignored = RunningService.startNotWaiting(
                    Map.of("camel.management.port", Integer.toString(managementPort)))) {
                List<Probe> answers = probes.get(60, TimeUnit.SECONDS);

                assertTrue(answers.stream().anyMatch(probe -> probe.status() == 200), "start " + start + ": ready at last");
                for (Probe probe : answers) {
                    assertTrue(probe.status() == 200 || probe.status() == 503, "start " + start + ": " + probe);
                    JsonNode models = modelsCheck(probe.body());
                    assertTrue(models != null, "start " + start + ": an answer without the models check: " + probe);
                    assertEquals(probe.status() == 200 ? "UP" : "DOWN", models.get("status").asText(),
                            "start " + start + ": " + probe);
                }
            } finally {
                done.set(true);
                prober.shutdownNow();
            }
        }
    }

    /** Readiness answers from before the start until the first 200; connections refused and 404 (not served yet) are left out. */
    private static List<Probe> probeUntilReady(int port, AtomicBoolean done) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        List<Probe> answers = new ArrayList<>();
        while (!done.get()) {
            try {
                HttpResponse<String> response = http.send(ready, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 404) {
                    answers.add(new Probe(response.statusCode(), response.body()));
                    if (response.statusCode() == 200) {
                        return answers;
                    }
                }
            } catch (IOException refused) {
                // not listening yet
            }
            Thread.sleep(5);
        }
        return answers;
    }

    private static JsonNode modelsCheck(String body) throws IOException {
        for (JsonNode check : MAPPER.readTree(body).path("checks")) {
            if (check.path("name").asText().equals("models")) {
                return check;
            }
        }
        return null;
    }
}
