package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the REST DSL serves, held against what the service really answers:
 * every field of a real answer is described, with its JSON type, and every required field
 * is in the answer.
 */
class OpenApiTest {

    private static RunningService service;
    private static JsonNode document;

    @BeforeAll
    static void start() {
        service = RunningService.start();
        HttpResponse<String> response = service.sendAsIs(HttpRequest.newBuilder(service.uri("/api/v1/openapi.json")));
        assertEquals(200, response.statusCode());
        document = service.json(response);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void everyEndpointIsDescribedWithItsSecurity() {
        JsonNode paths = document.get("paths");
        assertNotNull(paths.at("/~1api~1v1~1predict/post").get("requestBody"));
        assertEquals("scorer", paths.at("/~1api~1v1~1predict/post/security/0/bearer/0").asText());
        assertEquals("admin", paths.at("/~1models~1reload/post/security/0/bearer/0").asText());
        assertTrue(paths.at("/~1api~1v1~1search/get").has("parameters"));
        assertTrue(paths.at("/~1api~1v1~1search/post").has("requestBody"));
        assertTrue(paths.at("/~1health/get").has("responses"));
        assertEquals("X-API-Key", document.at("/components/securitySchemes/apiKey/name").asText());
        Set<String> predictStatuses = fieldNames(paths.at("/~1api~1v1~1predict/post/responses"));
        assertTrue(predictStatuses.containsAll(Set.of("200", "400", "401", "403", "413", "415", "422", "503")),
                predictStatuses.toString());
    }

    @Test
    void predictRequestAndAnswersMatchTheirSchemas() {
        Set<String> requestFields = fieldNames(schema("PredictRequest").get("properties"));
        assertEquals(Set.of("customer_id", "features"), requestFields);
        assertEquals(Set.of("traditional", "social", "xgboost"), fieldNames(schema("FeatureGroups").get("properties")));

        JsonNode existing = answer(200, service.post("/api/v1/predict", "{\"customer_id\": \""
                + service.existingCustomer() + "\", \"features\": {" + DemoFeatures.EXISTING + "}}"));
        JsonNode newcomer = answer(200, service.post("/api/v1/predict",
                "{\"customer_id\": \"CUS_OPENAPI_NEW\", \"features\": {" + DemoFeatures.NEW + "}}"));
        assertConforms(existing, schema("Prediction"), "existing");
        assertConforms(newcomer, schema("Prediction"), "new");

        assertEquals(Set.of("code", "feature", "model", "impact", "description"),
                fieldNames(schema("Reason").get("properties")));
        assertTrue(existing.get("reasons").size() > 0 && newcomer.get("reasons").size() > 0, "answers with reasons");
        assertTrue(schema("ModelScore").at("/properties/reasons_unavailable").isObject());

        Set<String> answered = new TreeSet<>(fieldNames(existing));
        answered.addAll(fieldNames(newcomer));
        assertEquals(new TreeSet<>(fieldNames(schema("Prediction").get("properties"))), answered,
                "the schema describes no field that no answer has");
    }

    @Test
    void searchHealthReloadAndErrorAnswersMatchTheirSchemas() {
        String customer = service.existingCustomer();
        answer(200, service.post("/api/v1/predict", "{\"customer_id\": \"" + customer
                + "\", \"features\": {" + DemoFeatures.EXISTING + "}}"));
        assertConforms(answer(200, service.get("/api/v1/search?customer_id=" + customer + "&limit=1")),
                schema("SearchResult"), "search found");
        assertConforms(answer(200, service.post("/api/v1/search", "{\"customer_id\": \"CUS_NOBODY\"}")),
                schema("SearchResult"), "search not found");
        assertConforms(answer(200, service.get("/health")), schema("Health"), "health");
        assertConforms(answer(200, service.send(HttpRequest.newBuilder(service.uri("/models/reload"))
                .POST(HttpRequest.BodyPublishers.noBody()))), schema("Reload"), "reload");
        assertConforms(answer(400, service.post("/api/v1/predict", "{\"customer_id\": \"CUS_X\"}")),
                schema("Error"), "error");
    }

    private static JsonNode answer(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        return service.json(response);
    }

    private static JsonNode schema(String name) {
        JsonNode schema = document.at("/components/schemas/" + name);
        assertTrue(schema.isObject(), "schema " + name);
        return schema;
    }

    private static JsonNode resolve(JsonNode schema) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().substring("#/components/schemas/".length());
            return schema(name);
        }
        return schema;
    }

    /** The answer's fields are described with a matching type, recursively; required fields are there. */
    private static void assertConforms(JsonNode value, JsonNode schema, String where) {
        schema = resolve(schema);
        String type = schema.path("type").asText("object");
        switch (type) {
            case "object" -> {
                assertTrue(value.isObject(), where + " is an object");
                JsonNode properties = schema.get("properties");
                if (properties == null) {
                    return;
                }
                for (JsonNode required : schema.path("required")) {
                    assertTrue(value.has(required.asText()), where + " has the required " + required.asText());
                }
                for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    assertTrue(properties.has(name), where + "." + name + " is described in the document");
                    assertConforms(value.get(name), properties.get(name), where + "." + name);
                }
            }
            case "array" -> {
                assertTrue(value.isArray(), where + " is an array");
                for (JsonNode item : value) {
                    assertConforms(item, schema.get("items"), where + "[]");
                }
            }
            case "string" -> assertTrue(value.isTextual(), where + " is a string");
            case "number" -> assertTrue(value.isNumber(), where + " is a number");
            case "integer" -> assertTrue(value.isIntegralNumber(), where + " is an integer");
            case "boolean" -> assertTrue(value.isBoolean(), where + " is a boolean");
            default -> throw new AssertionError(where + ": unexpected schema type " + type);
        }
        if (schema.has("enum") && value.isTextual()) {
            Set<String> allowed = new HashSet<>();
            schema.get("enum").forEach(e -> allowed.add(e.asText()));
            assertTrue(allowed.contains(value.asText()), where + " = " + value.asText() + " is one of " + allowed);
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
