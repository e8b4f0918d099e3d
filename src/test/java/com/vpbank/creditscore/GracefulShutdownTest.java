package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A service stopped while clients send requests: every answer they get is a JSON one. */
class GracefulShutdownTest {

    private final ObjectMapper mapper = new ObjectMapper();

    /** One answer a client got: the path it asked for, the status, Retry-After, the body. */
    private record Answer(String path, int status, String retryAfter, String connection, String body) {
    }

    @Test
    void requestsDuringAShutdownGetJson503WithRetryAfter() throws Exception {
        RunningService service = RunningService.start();
        String customer = service.existingCustomer();
        String predictBody = ScoringServiceTest.predictBody(customer, DemoFeatures.EXISTING);
        AtomicBoolean stopped = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<List<Answer>>> workers = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                String path = switch (i % 4) {
                    case 0, 1 -> "/api/v1/predict";
                    case 2 -> "/health";
                    default -> "/no/such/path";
                };
                workers.add(clients.submit(() -> send(service, path, predictBody, stopped)));
            }
            Thread.sleep(1500);
        } finally {
            service.close();
            stopped.set(true);
            clients.shutdown();
        }

        List<Answer> answers = new ArrayList<>();
        for (Future<List<Answer>> worker : workers) {
            answers.addAll(worker.get());
        }
        List<Answer> shuttingDown = new ArrayList<>();
        for (Answer answer : answers) {
            JsonNode body = mapper.readTree(answer.body());
            assertTrue(body != null && body.isObject(), "not a JSON answer: " + answer);
            if (answer.status() == 503 && answer.retryAfter() != null) {
                shuttingDown.add(answer);
                assertEquals("The service is shutting down; send the request again.", body.get("error").asText());
                assertEquals("1", answer.retryAfter());
                assertEquals("close", answer.connection(), "no idle connection is left to close at the end");
                assertEquals("no", body.at("/details/stored").asText());
            } else {
                int expected = answer.path().equals("/no/such/path") ? 404 : 200;
                assertEquals(expected, answer.status(), answer.toString());
            }
        }
        assertTrue(answers.stream().anyMatch(answer -> answer.status() == 200), "answers before the stop");
        assertTrue(shuttingDown.stream().anyMatch(answer -> answer.path().equals("/api/v1/predict")),
                "a predict during the shutdown: " + shuttingDown.size() + " of " + answers.size());
        assertTrue(shuttingDown.stream().anyMatch(answer -> answer.path().equals("/no/such/path")),
                "an unknown path during the shutdown");
    }

    /** Sends requests one after another until the service no longer takes connections. */
    private static List<Answer> send(RunningService service, String path, String predictBody, AtomicBoolean stopped) {
        List<Answer> answers = new ArrayList<>();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        while (true) {
            HttpRequest.Builder request = HttpRequest.newBuilder(service.uri(path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + RunningService.TEST_API_KEY);
            if (path.equals("/api/v1/predict")) {
                request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(predictBody));
            }
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                answers.add(new Answer(path, response.statusCode(),
                        response.headers().firstValue("Retry-After").orElse(null),
                        response.headers().firstValue("Connection").orElse(null), response.body()));
            } catch (java.net.ConnectException refused) {
                if (stopped.get()) {
                    return answers;
                }
            } catch (IOException closed) {
                if (stopped.get()) {
                    answers.add(new Answer(path, -1, null, null, "closed without an answer: " + closed));
                    return answers;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return answers;
            }
        }
    }
}
