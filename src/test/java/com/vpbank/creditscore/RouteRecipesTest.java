package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The recipes of docs/routes.md, each applied to a copy of the shipped routes from the text
 * of the page, and the service then used as a client would.
 */
class RouteRecipesTest {

    private static final String LOOKUP_CHOICE = "        - choice:\n            when:\n              - method:\n"
            + "                  ref: predictionItems\n                  method: isItem\n";
    private static final String AFTER_LOOKUP = "        # An item in the customer table means an existing customer.\n";

    @TempDir
    Path folder;

    @Test
    void aRoutingRule() {
        Path routes = TestRoutes.edited(folder, "predict.camel.yaml", Map.of(LOOKUP_CHOICE,
                "        - choice:\n            when:\n" + RouteRecipes.yaml("routing-rule")
                        + "              - method:\n                  ref: predictionItems\n                  method: isItem\n"));
        try (RunningService service = RunningService.start(TestRoutes.from(routes))) {
            String thinFile = customer(service, Map.of("segment", AttributeValue.fromS("thin_file")));
            String other = customer(service, Map.of("segment", AttributeValue.fromS("prime")));

            JsonNode thin = service.json(predict(service, thinFile, 200));
            assertEquals("existing", thin.get("customer_type").asText());
            assertEquals(1, thin.get("num_models_used").asInt());
            assertEquals("xgboost", thin.at("/models/0/model").asText());
            assertEquals(thin.at("/models/0/score").asDouble(), thin.get("aggregated_score").asDouble(), 1e-9);
            assertEquals(List.of("xgboost"),
                    service.history(thinFile).get(0).get("models_used").l().stream().map(AttributeValue::s).toList());

            JsonNode prime = service.json(predict(service, other, 200));
            assertEquals(2, prime.get("num_models_used").asInt());
            assertEquals("new", service.json(predict(service, "NEW-" + UUID.randomUUID(), 200)).get("customer_type").asText());
        }
    }

    @Test
    void anEndpoint() throws IOException {
        Path routes = TestRoutes.edited(folder, "search.camel.yaml", text -> text + "\n");
        Files.writeString(routes.resolve("customer-latest.camel.yaml"), RouteRecipes.yaml("an-endpoint"));
        try (RunningService service = RunningService.start(TestRoutes.from(routes))) {
            String customerId = service.existingCustomer();
            predict(service, customerId, 200);
            predict(service, customerId, 200);

            HttpResponse<String> latest = service.get("/api/v1/customers/" + customerId + "/latest");
            assertEquals(200, latest.statusCode(), latest.body());
            JsonNode answer = service.json(latest);
            assertEquals(customerId, answer.get("customer_id").asText());
            assertEquals(1, answer.get("history").size());
            assertEquals(answer.at("/latest_prediction/prediction_id"), answer.at("/history/0/prediction_id"));

            HttpResponse<String> post = service.post("/api/v1/customers/" + customerId + "/latest", "{}");
            assertEquals(405, post.statusCode(), post.body());
            assertEquals("[\"GET\"]", service.json(post).at("/details/allowed").toString());
            HttpResponse<String> anonymous = service.sendAsIs(HttpRequest.newBuilder(
                    service.uri("/api/v1/customers/" + customerId + "/latest")).GET());
            assertEquals(401, anonymous.statusCode(), anonymous.body());
        }
    }

    @Test
    void aContractError() {
        Path routes = TestRoutes.edited(folder, "predict.camel.yaml", Map.of(AFTER_LOOKUP,
                RouteRecipes.yaml("a-contract-error") + AFTER_LOOKUP));
        try (RunningService service = RunningService.start(TestRoutes.from(routes))) {
            String onHold = customer(service, Map.of("status", AttributeValue.fromS("on_hold")));
            String key = UUID.randomUUID().toString();

            HttpResponse<String> refused = service.post("/api/v1/predict", body(onHold), "Content-Type",
                    "application/json", "Idempotency-Key", key);
            assertEquals(422, refused.statusCode(), refused.body());
            assertEquals("The customer is on hold and is not scored.", service.json(refused).get("error").asText());
            assertTrue(refused.headers().firstValue("X-Request-Id").isPresent());
            assertEquals(List.of(), service.history(onHold));
            assertEquals(Map.of("customer_id", AttributeValue.fromS(onHold), "status", AttributeValue.fromS("on_hold")),
                    service.customerItem(onHold));

            // The key was released with the refusal: the same key is refused the same way, not held.
            HttpResponse<String> again = service.post("/api/v1/predict", body(onHold), "Content-Type",
                    "application/json", "Idempotency-Key", key);
            assertEquals(422, again.statusCode(), again.body());
            predict(service, service.existingCustomer(), 200);
        }
    }

    private static String customer(RunningService service, Map<String, AttributeValue> attributes) {
        String customerId = "CUS-" + UUID.randomUUID();
        Map<String, AttributeValue> item = new java.util.HashMap<>(attributes);
        item.put("customer_id", AttributeValue.fromS(customerId));
        service.dynamo().putItem(request -> request.tableName(service.customerTable()).item(item));
        return customerId;
    }

    private static String body(String customerId) {
        return "{\"customer_id\": \"" + customerId + "\", \"features\": {" + DemoFeatures.ALL + "}}";
    }

    private static HttpResponse<String> predict(RunningService service, String customerId, int status) {
        HttpResponse<String> response = service.post("/api/v1/predict", body(customerId));
        assertEquals(status, response.statusCode(), response.body());
        return response;
    }
}
