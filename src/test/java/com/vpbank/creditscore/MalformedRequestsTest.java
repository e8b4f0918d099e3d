package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Requests the service refuses: each gets its status and a JSON error, and no table changes.
 */
class MalformedRequestsTest {

    private static final String EXISTING = "CUS-EXISTING-1";
    private static final String JSON = "application/json";

    private static RunningService service;

    @BeforeAll
    static void start() {
        service = RunningService.start();
        service.dynamo().putItem(request -> request.tableName(service.customerTable())
                .item(Map.of("customer_id", AttributeValue.fromS(EXISTING))));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static final String FORGED_CURSOR = "MjAyNi0wMS0wMVQwMDowMDowMC4wMDBaIzAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMA";

    record Case(String name, String method, String path, String contentType, String body, int status,
                String error, String... headers) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // The body as a whole.
        cases.add(predict("body is not JSON", "customer_id=CUS1", 400, "Request body is not valid JSON."));
        cases.add(predict("body is empty", "", 400, "Request body is empty; a JSON object is required."));
        cases.add(predict("body is an array", "[]", 400, "Request body must be a JSON object."));
        cases.add(predict("body is a string", "\"CUS1\"", 400, "Request body must be a JSON object."));
        cases.add(predict("body is null", "null", 400, "Request body must be a JSON object."));
        cases.add(predict("body has trailing text", body("\"CUS1\"", "{\"xgboost\": " + DemoFeatures.XGBOOST + "}") + " x",
                400, "Request body is not valid JSON."));
        cases.add(predict("body repeats a field", "{\"customer_id\": \"A\", \"customer_id\": \"B\", \"features\": {}}",
                400, "Request body is not valid JSON."));
        // customer_id.
        cases.add(predict("customer_id missing", "{\"features\": {\"xgboost\": " + DemoFeatures.XGBOOST + "}}", 400,
                "Field 'customer_id' is required."));
        cases.add(predict("customer_id null", body("null", "{\"xgboost\": " + DemoFeatures.XGBOOST + "}"), 400,
                "Field 'customer_id' is required."));
        cases.add(predict("customer_id empty", body("\"\"", "{\"xgboost\": " + DemoFeatures.XGBOOST + "}"), 400,
                "Field 'customer_id' must not be empty."));
        cases.add(predict("customer_id a number", body("123456", "{\"xgboost\": " + DemoFeatures.XGBOOST + "}"), 400,
                "Field 'customer_id' must be a string."));
        for (String id : List.of("CUS 1", "CUS/1", "CÜS1", "CUS1;DROP", "x".repeat(65))) {
            cases.add(predict("customer_id '" + id.substring(0, Math.min(id.length(), 12)) + "'",
                    body("\"" + id + "\"", "{\"xgboost\": " + DemoFeatures.XGBOOST + "}"), 400,
                    "Field 'customer_id' must be 1 to 64 letters, digits, '_' or '-'."));
        }
        // features.
        cases.add(predict("features missing", "{\"customer_id\": \"CUS1\"}", 400, "Field 'features' is required."));
        cases.add(predict("features null", body("\"CUS1\"", "null"), 400, "Field 'features' is required."));
        cases.add(predict("features an array", body("\"CUS1\"", "[" + DemoFeatures.XGBOOST + "]"), 400,
                "Field 'features' must be an object of feature groups."));
        cases.add(predict("features a string", body("\"CUS1\"", "\"x\""), 400,
                "Field 'features' must be an object of feature groups."));
        cases.add(predict("group a string", body("\"CUS1\"", "{\"xgboost\": \"0.5,0.8\"}"), 400,
                "Feature group 'xgboost' must be an array of numbers or an object keyed by feature name."));
        cases.add(predict("group a number", body("\"CUS1\"", "{\"xgboost\": 5}"), 400,
                "Feature group 'xgboost' must be an array of numbers or an object keyed by feature name."));
        cases.add(predict("unknown group", body("\"CUS1\"", "{\"credit\": [1, 2]}"), 400,
                "Unknown feature group 'credit'."));
        // Vector lengths.
        cases.add(predict("traditional too short", body("\"CUS1\"", "{\"traditional\": [1, 2, 3, 4, 5, 6, 7]}"), 400,
                "Feature group 'traditional' must have 8 values, got 7."));
        cases.add(predict("traditional too long", body("\"CUS1\"", "{\"traditional\": [1, 2, 3, 4, 5, 6, 7, 8, 9]}"),
                400, "Feature group 'traditional' must have 8 values, got 9."));
        cases.add(predict("traditional empty", body("\"CUS1\"", "{\"traditional\": []}"), 400,
                "Feature group 'traditional' must have 8 values, got 0."));
        cases.add(predict("social too short", body("\"CUS1\"", "{\"social\": [1, 2, 3, 4]}"), 400,
                "Feature group 'social' must have 5 values, got 4."));
        cases.add(predict("xgboost too long", body("\"CUS1\"", "{\"xgboost\": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]}"),
                400, "Feature group 'xgboost' must have 10 values, got 11."));
        // Values.
        cases.add(predict("value a string", body("\"CUS1\"", "{\"xgboost\": [\"0.5\", 0.8, 0.3, 1, 0, 1, 1, 0.6, 0.3, 0.2]}"),
                400, "Feature xgboost[0] must be a finite number."));
        cases.add(predict("value null", body("\"CUS1\"", "{\"xgboost\": [0.5, null, 0.3, 1, 0, 1, 1, 0.6, 0.3, 0.2]}"),
                400, "Feature xgboost[1] must be a finite number."));
        cases.add(predict("value a nested array", body("\"CUS1\"", "{\"xgboost\": [0.5, 0.8, [0.3], 1, 0, 1, 1, 0.6, 0.3, 0.2]}"),
                400, "Feature xgboost[2] must be a finite number."));
        cases.add(predict("value a boolean", body("\"CUS1\"", "{\"xgboost\": [0.5, 0.8, 0.3, true, 0, 1, 1, 0.6, 0.3, 0.2]}"),
                400, "Feature xgboost[3] must be a finite number."));
        cases.add(predict("value an object", body("\"CUS1\"", "{\"xgboost\": [0.5, 0.8, 0.3, 1, {}, 1, 1, 0.6, 0.3, 0.2]}"),
                400, "Feature xgboost[4] must be a finite number."));
        cases.add(predict("value NaN", body("\"CUS1\"", "{\"xgboost\": [NaN, 0.8, 0.3, 1, 0, 1, 1, 0.6, 0.3, 0.2]}"),
                400, "Request body is not valid JSON."));
        cases.add(predict("value Infinity", body("\"CUS1\"", "{\"xgboost\": [Infinity, 0.8, 0.3, 1, 0, 1, 1, 0.6, 0.3, 0.2]}"),
                400, "Request body is not valid JSON."));
        cases.add(predict("value beyond float range", body("\"CUS1\"", "{\"xgboost\": [1e39, 0.8, 0.3, 1, 0, 1, 1, 0.6, 0.3, 0.2]}"),
                400, "Feature xgboost[0] must be a finite number within float range."));
        cases.add(predict("value below float range", body("\"CUS1\"", "{\"xgboost\": [0.5, -1e39, 0.3, 1, 0, 1, 1, 0.6, 0.3, 0.2]}"),
                400, "Feature xgboost[1] must be a finite number within float range."));
        // Object form.
        cases.add(predict("named group with an unknown feature", body("\"CUS1\"", "{\"social\": {\"social_connections\": 1,"
                + " \"online_activity\": 1, \"community_score\": 1, \"digital_footprint\": 1, \"network_stability\": 1,"
                + " \"shoe_size\": 44}}"), 400, "Feature group 'social' has unknown features."));
        cases.add(predict("named group missing a feature", body("\"CUS1\"", "{\"social\": {\"social_connections\": 1,"
                + " \"online_activity\": 1, \"community_score\": 1, \"digital_footprint\": 1}}"), 400,
                "Feature group 'social' is missing features."));
        cases.add(predict("named group with a string value", body("\"CUS1\"", "{\"social\": {\"social_connections\": \"1\","
                + " \"online_activity\": 1, \"community_score\": 1, \"digital_footprint\": 1, \"network_stability\": 1}}"),
                400, "Feature social.social_connections must be a finite number."));
        // Groups the route needs.
        cases.add(predict("existing customer without its groups", body("\"" + EXISTING + "\"", "{\"xgboost\": " + DemoFeatures.XGBOOST + "}"),
                400, "Feature group 'traditional' or 'social' is required for this customer."));
        cases.add(predict("new customer without xgboost", body("\"CUS-NEW-1\"", "{\"traditional\": " + DemoFeatures.TRADITIONAL
                + ", \"social\": " + DemoFeatures.SOCIAL + "}"), 400, "Feature group 'xgboost' is required for this customer."));
        cases.add(predict("new customer with no group", body("\"CUS-NEW-2\"", "{}"), 400,
                "Feature group 'xgboost' is required for this customer."));
        // Headers.
        cases.add(new Case("Idempotency-Key too long", "POST", "/api/v1/predict", JSON,
                body("\"CUS-NEW-3\"", "{\"xgboost\": " + DemoFeatures.XGBOOST + "}"), 400,
                "Header Idempotency-Key must be 1 to 128 printable characters.", "Idempotency-Key", "k".repeat(129)));
        cases.add(new Case("content type text", "POST", "/api/v1/predict", "text/plain",
                body("\"CUS-NEW-4\"", "{\"xgboost\": " + DemoFeatures.XGBOOST + "}"), 415, "Content-Type must be application/json."));
        cases.add(new Case("content type form", "POST", "/api/v1/predict", "application/x-www-form-urlencoded",
                "customer_id=CUS1", 415, "Content-Type must be application/json."));
        cases.add(new Case("no content type", "POST", "/api/v1/predict", null,
                body("\"CUS-NEW-5\"", "{\"xgboost\": " + DemoFeatures.XGBOOST + "}"), 415, "Content-Type must be application/json."));
        cases.add(predict("body over 64 KiB", "{\"customer_id\": \"CUS1\", \"pad\": \"" + "x".repeat(70_000) + "\"}",
                413, "Request body is larger than 65536 bytes."));
        // Paths and methods.
        cases.add(new Case("unknown path", "GET", "/api/v1/score", null, null, 404, "No resource at /api/v1/score."));
        cases.add(new Case("unknown root path", "POST", "/predict", JSON, "{}", 404, "No resource at /predict."));
        cases.add(new Case("GET on predict", "GET", "/api/v1/predict", null, null, 405,
                "Method GET is not allowed on /api/v1/predict."));
        cases.add(new Case("DELETE on search", "DELETE", "/api/v1/search?customer_id=CUS1", null, null, 405,
                "Method DELETE is not allowed on /api/v1/search."));
        cases.add(new Case("POST on health", "POST", "/health", JSON, "{}", 405, "Method POST is not allowed on /health."));
        // Search.
        cases.add(new Case("search without customer_id", "GET", "/api/v1/search", null, null, 400,
                "Query parameter 'customer_id' is required."));
        cases.add(new Case("search with a bad customer_id", "GET", "/api/v1/search?customer_id=a%20b", null, null, 400,
                "Field 'customer_id' must be 1 to 64 letters, digits, '_' or '-'."));
        cases.add(new Case("search limit 0", "GET", "/api/v1/search?customer_id=CUS1&limit=0", null, null, 400,
                "'limit' must be a whole number from 1 to 100."));
        cases.add(new Case("search limit 101", "GET", "/api/v1/search?customer_id=CUS1&limit=101", null, null, 400,
                "'limit' must be a whole number from 1 to 100."));
        cases.add(new Case("search limit text", "GET", "/api/v1/search?customer_id=CUS1&limit=ten", null, null, 400,
                "'limit' must be a whole number from 1 to 100."));
        cases.add(new Case("search cursor not one", "GET", "/api/v1/search?customer_id=CUS1&cursor=AAAA", null, null, 400,
                "'cursor' must be the 'next' string of a previous answer for this customer."));
        // base64url of a well-formed sort key, as cursors were before they were signed
        cases.add(new Case("search cursor forged", "GET", "/api/v1/search?customer_id=CUS1&cursor=" + FORGED_CURSOR, null,
                null, 400, "'cursor' must be the 'next' string of a previous answer for this customer."));
        cases.add(new Case("search POST not JSON", "POST", "/api/v1/search", JSON, "customer_id=CUS1", 400,
                "Request body is not valid JSON."));
        cases.add(new Case("search POST without customer_id", "POST", "/api/v1/search", JSON, "{}", 400,
                "Field 'customer_id' is required."));
        cases.add(new Case("search POST content type text", "POST", "/api/v1/search", "text/plain",
                "{\"customer_id\": \"CUS1\"}", 415, "Content-Type must be application/json."));
        // Reload: no body at all is the usual call; a body, if any, follows the same rules.
        cases.add(new Case("reload content type text", "POST", "/models/reload", "text/plain", "reload", 415,
                "Content-Type must be application/json."));
        cases.add(new Case("reload body without content type", "POST", "/models/reload", null, "{}", 415,
                "Content-Type must be application/json."));
        cases.add(new Case("reload body over 64 KiB", "POST", "/models/reload", JSON,
                "{\"pad\": \"" + "x".repeat(70_000) + "\"}", 413, "Request body is larger than 65536 bytes."));
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithAJsonErrorAndNothingChanges(Case request) {
        List<Map<String, AttributeValue>> before = service.allItems();

        HttpResponse<String> response = service.send(build(request));

        assertEquals(request.status(), response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                response.headers().toString());
        JsonNode body = service.json(response);
        assertEquals(request.error(), body.get("error").asText());
        assertEquals(before, service.allItems(), "no table changed");
    }

    private static HttpRequest.Builder build(Case request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(service.uri(request.path()));
        HttpRequest.BodyPublisher body = request.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(request.body());
        builder.method(request.method(), body);
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        if (request.headers().length > 0) {
            builder.headers(request.headers());
        }
        return builder;
    }

    private static Case predict(String name, String body, int status, String error) {
        return new Case(name, "POST", "/api/v1/predict", JSON, body, status, error);
    }

    private static String body(String customerId, String features) {
        return "{\"customer_id\": " + customerId + ", \"features\": " + features + "}";
    }
}
