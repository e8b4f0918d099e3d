package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.vpbank.creditscore.security.ApiKeys;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** API keys over real HTTP: every protected endpoint without a key, with a wrong key, with the wrong role. */
class AuthenticationTest {

    private static final String SCORER_KEY = "scorer-key-for-tests";
    private static final String ADMIN_KEY = "admin-key-for-tests";
    private static final String PREDICT_BODY = """
            {"customer_id": "{id}", "features": {"xgboost": [0.5, 0.8, 0.3, 1, 0, 1, 1, 0.6, 0.3, 0.2]}}""";

    private static RunningService service;

    /** A protected endpoint and the role it needs. */
    record Endpoint(String method, String path, String body, String role) {
        HttpRequest.Builder request(RunningService service) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(service.uri(path));
            // Each predict is for a customer of its own, so that each one is a new customer.
            String sent = body == null ? null : body.replace("{id}", "CUS_AUTH_" + UUID.randomUUID().toString().substring(0, 8));
            return sent == null ? builder.method(method, HttpRequest.BodyPublishers.noBody())
                    : builder.header("Content-Type", "application/json")
                            .method(method, HttpRequest.BodyPublishers.ofString(sent));
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static Stream<Endpoint> endpoints() {
        return Stream.of(
                new Endpoint("POST", "/api/v1/predict", PREDICT_BODY, "scorer"),
                new Endpoint("GET", "/api/v1/search?customer_id=CUS_AUTH_1", null, "scorer"),
                new Endpoint("POST", "/api/v1/search", "{\"customer_id\": \"CUS_AUTH_1\"}", "scorer"),
                new Endpoint("POST", "/models/reload", null, "admin"));
    }

    @BeforeAll
    static void start() {
        service = RunningService.start(Map.of("creditscore.api-keys",
                "scorer:" + ApiKeys.sha256Hex(SCORER_KEY) + ", admin:" + ApiKeys.sha256Hex(ADMIN_KEY)));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void withoutAKeyTheAnswerIs401AndNothingIsStored(Endpoint endpoint) {
        HttpResponse<String> response = sendRefused(endpoint.request(service));

        assertRefused(401, "An API key is required", response);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void withAWrongKeyTheAnswerIs401(Endpoint endpoint) {
        assertRefused(401, "The API key is not valid.",
                sendRefused(endpoint.request(service).header("Authorization", "Bearer not-a-key")));
        assertRefused(401, "The API key is not valid.",
                sendRefused(endpoint.request(service).header("X-API-Key", SCORER_KEY + "x")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void withTheWrongRoleTheAnswerIs403(Endpoint endpoint) {
        String otherRolesKey = endpoint.role().equals("admin") ? SCORER_KEY : ADMIN_KEY;

        assertRefused(403, "does not hold the '" + endpoint.role() + "' role",
                sendRefused(endpoint.request(service).header("Authorization", "Bearer " + otherRolesKey)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void withTheRightRoleTheRequestIsServed(Endpoint endpoint) {
        String key = endpoint.role().equals("admin") ? ADMIN_KEY : SCORER_KEY;

        HttpResponse<String> bearer = service.sendAsIs(endpoint.request(service).header("Authorization", "Bearer " + key));
        HttpResponse<String> header = service.sendAsIs(endpoint.request(service).header("X-API-Key", key));

        assertEquals(200, bearer.statusCode(), bearer.body());
        assertEquals(200, header.statusCode(), header.body());
    }

    @Test
    void healthProbesAndMetricsStayOpen() {
        assertEquals(200, service.sendAsIs(HttpRequest.newBuilder(service.uri("/health")).GET()).statusCode());
        for (String path : List.of("/observe/health/live", "/observe/health/ready", "/observe/metrics")) {
            assertEquals(200, service.sendAsIs(HttpRequest.newBuilder(service.managementUri(path)).GET()).statusCode(), path);
        }
    }

    private static void assertRefused(int status, String message, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode body = service.json(response);
        assertTrue(body.get("error").asText().contains(message), response.body());
    }

    /** Sends a request that must be refused, and checks that no table changed. */
    private static HttpResponse<String> sendRefused(HttpRequest.Builder request) {
        int before = service.allItems().size();
        HttpResponse<String> response = service.sendAsIs(request);
        assertEquals(before, service.allItems().size(), "a refused request stores nothing");
        return response;
    }
}
