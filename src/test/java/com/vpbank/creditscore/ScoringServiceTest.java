package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.vpbank.creditscore.model.ModelBundle;
import com.vpbank.creditscore.model.ModelPrediction;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The predict, search and health flows over real HTTP, against DynamoDB Local and the demo bundle. */
class ScoringServiceTest {

    private static final float[] TRADITIONAL = {0.5f, 0.8f, 0.3f, 0.7f, 0.9f, 0.2f, 1f, 0f};
    private static final float[] SOCIAL = {0.6f, 0.7f, 0.5f, 0.4f, 0.3f};
    private static final float[] XGBOOST = {0.5f, 0.8f, 0.3f, 1f, 0f, 1f, 1f, 0.6f, 0.3f, 0.2f};
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

    private static RunningService service;
    private static ModelBundle bundle;

    @BeforeAll
    static void start() {
        service = RunningService.start();
        bundle = ModelBundle.load(Path.of("models"));
    }

    @AfterAll
    static void stop() {
        service.close();
        bundle.close();
    }

    @Test
    void existingCustomerIsScoredByBothModelsAndTheirMean() {
        String customerId = existingCustomer();

        HttpResponse<String> response = service.post("/api/v1/predict", predictBody(customerId,
                "\"traditional\": " + array(TRADITIONAL) + ", \"social\": " + array(SOCIAL)));

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode body = service.json(response);
        ModelPrediction traditional = bundle.model("traditional").predict(TRADITIONAL);
        ModelPrediction social = bundle.model("social").predict(SOCIAL);
        double mean = (traditional.score() + social.score()) / 2;
        assertEquals(customerId, body.get("customer_id").asText());
        assertEquals("existing", body.get("customer_type").asText());
        assertEquals(mean, body.get("aggregated_score").asDouble(), 1e-9);
        assertEquals(2, body.get("num_models_used").asInt());
        assertEquals("multi_model_aggregate", body.get("prediction_type").asText());
        assertEquals(creditGroup(mean), body.get("credit_group").asText());
        assertEquals("traditional", body.at("/models/0/model").asText());
        assertEquals(traditional.score(), body.at("/models/0/score").asDouble(), 1e-9);
        assertEquals(traditional.scoreScaled(), body.at("/models/0/score_scaled").asDouble(), 1e-9);
        assertEquals(bundle.model("traditional").config().version(), body.at("/models/0/version").asText());
        assertEquals("social", body.at("/models/1/model").asText());
        assertEquals(social.score(), body.at("/models/1/score").asDouble(), 1e-9);
        assertTrue(TIMESTAMP.matcher(body.get("timestamp").asText()).matches(), body.get("timestamp").asText());
        UUID.fromString(body.get("prediction_id").asText());
    }

    @Test
    void existingCustomerWithOneGroupIsScoredByThatModelAlone() {
        String customerId = existingCustomer();

        JsonNode body = service.json(service.post("/api/v1/predict",
                predictBody(customerId, "\"social\": " + array(SOCIAL))));

        assertEquals(1, body.get("num_models_used").asInt());
        assertEquals(1, body.get("models").size());
        assertEquals(bundle.model("social").predict(SOCIAL).score(), body.get("aggregated_score").asDouble(), 1e-9);
    }

    @Test
    void newCustomerIsScoredByXgboost() {
        String customerId = "NEW-" + UUID.randomUUID();

        HttpResponse<String> response = service.post("/api/v1/predict", predictBody(customerId,
                "\"xgboost\": " + array(XGBOOST)));

        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = service.json(response);
        ModelPrediction expected = bundle.model("xgboost").predict(XGBOOST);
        assertEquals("new", body.get("customer_type").asText());
        assertEquals("xgboost", body.get("model").asText());
        assertEquals("new_customer_xgboost", body.get("prediction_type").asText());
        assertEquals(expected.score(), body.get("score").asDouble(), 1e-9);
        assertEquals(expected.scoreScaled(), body.get("score_scaled").asDouble(), 1e-9);
        assertEquals(bundle.model("xgboost").config().version(), body.get("version").asText());
        assertEquals(creditGroup(expected.score()), body.get("credit_group").asText());
    }

    @Test
    void predictionIsStoredAsTheCustomersLatestBeforeTheAnswer() {
        String customerId = existingCustomer();

        JsonNode body = service.json(service.post("/api/v1/predict", predictBody(customerId,
                "\"traditional\": " + array(TRADITIONAL) + ", \"social\": " + array(SOCIAL))));

        Map<String, AttributeValue> item = storedItem(customerId);
        assertEquals(body.get("timestamp").asText(), item.get("prediction_timestamp").s());
        assertEquals(body.get("aggregated_score").asDouble(), Double.parseDouble(item.get("credit_score").n()), 0);
        assertEquals("multi_model_aggregate", item.get("prediction_type").s());
        assertEquals(List.of("traditional", "social"), item.get("models_used").l().stream().map(AttributeValue::s).toList());
        Map<String, AttributeValue> raw = item.get("raw_predictions").l().get(0).m();
        assertEquals("traditional", raw.get("model").s());
        assertEquals(body.at("/models/0/score").asDouble(), Double.parseDouble(raw.get("score").n()), 0);
        assertEquals(body.at("/models/0/score_scaled").asDouble(), Double.parseDouble(raw.get("score_scaled").n()), 0);
        assertEquals(body.at("/models/0/version").asText(), raw.get("version").s());
    }

    @Test
    void newCustomerScoredOnceIsExistingOnTheNextRequest() {
        String customerId = "NEW-" + UUID.randomUUID();
        String features = "\"traditional\": " + array(TRADITIONAL) + ", \"social\": " + array(SOCIAL)
                + ", \"xgboost\": " + array(XGBOOST);

        JsonNode first = service.json(service.post("/api/v1/predict", predictBody(customerId, features)));
        Map<String, AttributeValue> storedFirst = storedItem(customerId);
        JsonNode second = service.json(service.post("/api/v1/predict", predictBody(customerId, features)));

        assertEquals("new", first.get("customer_type").asText());
        assertEquals(first.get("score").asDouble(), Double.parseDouble(storedFirst.get("credit_score").n()), 0);
        assertEquals("existing", second.get("customer_type").asText());
        assertEquals(second.get("prediction_id").asText(), storedItem(customerId).get("prediction_id").s());
    }

    @Test
    void searchFindsTheLatestPredictionByGetAndByPost() {
        String customerId = existingCustomer();
        JsonNode prediction = service.json(service.post("/api/v1/predict", predictBody(customerId,
                "\"traditional\": " + array(TRADITIONAL) + ", \"social\": " + array(SOCIAL))));

        HttpResponse<String> byGet = service.get("/api/v1/search?customer_id=" + customerId);
        HttpResponse<String> byPost = service.post("/api/v1/search", "{\"customer_id\": \"" + customerId + "\"}");

        for (HttpResponse<String> response : List.of(byGet, byPost)) {
            assertEquals(200, response.statusCode(), response.body());
            JsonNode body = service.json(response);
            assertEquals(customerId, body.get("customer_id").asText());
            assertTrue(body.get("found").asBoolean());
            JsonNode latest = body.get("latest_prediction");
            assertEquals(prediction.get("timestamp").asText(), latest.get("timestamp").asText());
            assertEquals(prediction.get("aggregated_score").asDouble(), latest.get("credit_score").asDouble(), 0);
            assertEquals("multi_model_aggregate", latest.get("prediction_type").asText());
            assertEquals("traditional", latest.at("/models_used/0").asText());
            assertEquals("social", latest.at("/models_used/1").asText());
            assertEquals(prediction.at("/models/1/score").asDouble(), latest.at("/raw_predictions/1/score").asDouble(), 0);
            assertEquals(prediction.at("/models/1/version").asText(), latest.at("/raw_predictions/1/version").asText());
        }
    }

    @Test
    void searchForAnUnknownCustomerAnswersNotFound() {
        String customerId = "NOBODY-" + UUID.randomUUID();

        for (HttpResponse<String> response : List.of(
                service.get("/api/v1/search?customer_id=" + customerId),
                service.post("/api/v1/search", "{\"customer_id\": \"" + customerId + "\"}"))) {
            assertEquals(200, response.statusCode(), response.body());
            JsonNode body = service.json(response);
            assertEquals(customerId, body.get("customer_id").asText());
            assertFalse(body.get("found").asBoolean());
            assertEquals("Customer not found in database", body.get("message").asText());
        }
    }

    @Test
    void healthListsTheCachedModels() {
        HttpResponse<String> response = service.get("/health");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = service.json(response);
        assertEquals("healthy", body.get("status").asText());
        assertEquals(List.of("social", "traditional", "xgboost"),
                List.of(body.at("/models_cached/0").asText(), body.at("/models_cached/1").asText(),
                        body.at("/models_cached/2").asText()));
    }

    @Test
    void livenessAndReadinessAnswerOnTheManagementPort() {
        for (String path : List.of("/observe/health/live", "/observe/health/ready")) {
            HttpResponse<String> response = service.send(java.net.http.HttpRequest
                    .newBuilder(service.managementUri(path)).GET());
            assertEquals(200, response.statusCode(), path + ": " + response.body());
        }
    }

    @Test
    void invalidRequestIsAnsweredWithAJsonErrorAndStoresNothing() {
        String customerId = "BAD-" + UUID.randomUUID();

        HttpResponse<String> response = service.post("/api/v1/predict",
                predictBody(customerId, "\"xgboost\": [1, 2, 3]"));

        assertEquals(400, response.statusCode(), response.body());
        JsonNode body = service.json(response);
        assertEquals("Feature group 'xgboost' must have 10 values, got 3.", body.get("error").asText());
        assertTrue(storedItem(customerId).isEmpty());
    }

    @Test
    void answersCarryNoRequestHeaderOrQueryParameterBack() {
        String customerId = "ECHO-" + UUID.randomUUID();
        List<HttpResponse<String>> responses = aPredictionAnErrorAndASearch(customerId,
                "X-Client-Note", "private", "Idempotency-Key", "echo-" + customerId);

        for (HttpResponse<String> response : responses) {
            // Besides the framing the HTTP client reports (":status", the length or chunking).
            assertEquals(Set.of("content-type", "x-request-id"),
                    response.headers().map().keySet().stream().map(name -> name.toLowerCase(Locale.ROOT))
                            .filter(name -> !Set.of(":status", "transfer-encoding", "content-length").contains(name))
                            .collect(Collectors.toSet()),
                    response.headers().toString());
        }
    }

    @Test
    void answersCarryTheirLengthAndAreNotChunked() {
        List<HttpResponse<String>> responses = aPredictionAnErrorAndASearch("LEN-" + UUID.randomUUID());

        for (HttpResponse<String> response : responses) {
            assertEquals(Optional.of(String.valueOf(response.body().getBytes(StandardCharsets.UTF_8).length)),
                    response.headers().firstValue("Content-Length"), response.headers().toString());
            assertEquals(Optional.empty(), response.headers().firstValue("Transfer-Encoding"));
        }
    }

    /** A new customer's prediction (200), a body without fields (400) and a search (200), with the given headers. */
    private static List<HttpResponse<String>> aPredictionAnErrorAndASearch(String customerId, String... headers) {
        String[] json = Stream.concat(Stream.of("Content-Type", "application/json"), Stream.of(headers))
                .toArray(String[]::new);
        java.net.http.HttpRequest.Builder search = java.net.http.HttpRequest.newBuilder(
                service.uri("/api/v1/search?customer_id=" + customerId));
        if (headers.length > 0) {
            search.headers(headers);
        }
        List<HttpResponse<String>> responses = List.of(
                service.post("/api/v1/predict", predictBody(customerId,
                        "\"xgboost\": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]"), json),
                service.post("/api/v1/predict", "{}", json),
                service.send(search));
        assertEquals(List.of(200, 400, 200), responses.stream().map(HttpResponse::statusCode).toList());
        return responses;
    }

    private static String existingCustomer() {
        String customerId = "CUS-" + UUID.randomUUID();
        service.dynamo().putItem(request -> request.tableName(service.customerTable())
                .item(Map.of("customer_id", AttributeValue.fromS(customerId))));
        return customerId;
    }

    private static Map<String, AttributeValue> storedItem(String customerId) {
        return service.dynamo().getItem(request -> request.tableName(service.customerTable())
                .consistentRead(true)
                .key(Map.of("customer_id", AttributeValue.fromS(customerId)))).item();
    }

    static String predictBody(String customerId, String groups) {
        return "{\"customer_id\": \"" + customerId + "\", \"features\": {" + groups + "}}";
    }

    static String array(float[] values) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            json.append(i == 0 ? "" : ", ").append(values[i]);
        }
        return json.append(']').toString();
    }

    private static String creditGroup(double score) {
        if (score < 580) {
            return "Poor";
        }
        if (score < 670) {
            return "Fair";
        }
        if (score < 740) {
            return "Good";
        }
        return score < 800 ? "Very Good" : "Exceptional";
    }
}
