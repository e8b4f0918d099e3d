package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vpbank.creditscore.security.ApiKeys;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Each model, of the champion and of the challenger, on the Open Inference Protocol's REST
 * endpoints of a real service over HTTP: every answer is held against the protocol's own
 * OpenAPI document; a 300-row infer gives each row the score the predict path gives it; bad
 * tensors get 400 and unknown models or versions 404, in the protocol's error shape; nothing
 * is written to DynamoDB; the meters name served models only.
 */
class OpenInferenceProtocolTest {

    private static final String CHAMPION_VERSION = "2025-11-08.1";
    private static final String CHALLENGER_VERSION = "2026-02-01.3";
    private static final Map<String, Integer> WIDTHS = Map.of("traditional", 8, "social", 5, "xgboost", 10);
    private static final int ROWS = 300;
    private static final String SCORER_ONLY_KEY = "oip-scorer-only";
    private static final String ADMIN_ONLY_KEY = "oip-admin-only";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path folder;

    /** The demo bundle as champion, a challenger of another version beside it. */
    private static RunningService service;
    /** The challenger's bundle as the champion: its predict path scores with the challenger's models. */
    private static RunningService challengerServing;
    private static OpenInferenceSchemas schemas;

    @BeforeAll
    static void start() {
        Path challenger = ChallengerBundles.write(folder.resolve("challenger"), CHALLENGER_VERSION,
                Map.of("traditional", 25.0, "social", -20.0, "xgboost", 40.0));
        String both = ApiKeys.sha256Hex(TestSettings.API_KEY);
        String keys = "scorer:" + both + ",admin:" + both + ",scorer:" + ApiKeys.sha256Hex(SCORER_ONLY_KEY)
                + ",admin:" + ApiKeys.sha256Hex(ADMIN_ONLY_KEY);
        service = RunningService.start(Map.of(
                "creditscore.challenger.dir", challenger.toString(),
                "creditscore.api-keys", keys,
                "creditscore.inference.max-rows", Integer.toString(ROWS),
                "creditscore.max-request-bytes", "262144"));
        service.awaitChallenger();
        challengerServing = RunningService.start(Map.of("creditscore.models-dir", challenger.toString()));
        schemas = new OpenInferenceSchemas();
    }

    @AfterAll
    static void stop() {
        if (challengerServing != null) {
            challengerServing.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void healthAndServerMetadataAnswerAsTheProtocolSays() {
        assertEquals(JSON.createObjectNode().put("live", true), call("GET", "/v2/health/live", null, 200, null));
        assertEquals(JSON.createObjectNode().put("ready", true), call("GET", "/v2/health/ready", null, 200, null));
        JsonNode server = call("GET", "/v2", null, 200, TestSettings.API_KEY);
        assertEquals("credit-score", server.get("name").asText());
        assertFalse(server.get("version").asText().isEmpty());
        assertEquals(JSON.createArrayNode(), server.get("extensions"));
        assertError(call("GET", "/v2", null, 401, ""));
        assertError(call("GET", "/v2", null, 403, ADMIN_ONLY_KEY));
    }

    @Test
    void eachModelsMetadataAndReadinessForTheChampionAndTheChallenger() {
        for (Map.Entry<String, Integer> model : WIDTHS.entrySet()) {
            String name = model.getKey();
            String expectedPlatform = name.equals("xgboost") ? "xgboost_json" : "onnx_onnxv1";
            for (String path : List.of("/v2/models/" + name, "/v2/models/" + name + "/versions/" + CHAMPION_VERSION,
                    "/v2/models/" + name + "/versions/" + CHALLENGER_VERSION)) {
                JsonNode metadata = call("GET", path, null, 200, SCORER_ONLY_KEY);
                assertEquals(name, metadata.get("name").asText());
                assertEquals(List.of(CHAMPION_VERSION, CHALLENGER_VERSION), texts(metadata.get("versions")));
                assertEquals(expectedPlatform, metadata.get("platform").asText());
                assertEquals(JSON.createObjectNode().put("name", "features").put("datatype", "FP32")
                        .set("shape", JSON.createArrayNode().add(-1).add(model.getValue())), metadata.at("/inputs/0"));
                assertEquals(1, metadata.get("inputs").size());
                assertEquals(List.of("score", "score_scaled", "reasons"), metadata.get("outputs").findValuesAsText("name"));
                assertEquals(List.of("FP64", "FP64", "BYTES"), metadata.get("outputs").findValuesAsText("datatype"));
                JsonNode ready = call("GET", path + "/ready", null, 200, "");
                assertEquals(JSON.createObjectNode().put("name", name).put("ready", true), ready);
            }
            assertError(call("GET", "/v2/models/" + name + "/versions/1999-01-01.0", null, 404, TestSettings.API_KEY));
            assertError(call("GET", "/v2/models/" + name + "/versions/1999-01-01.0/ready", null, 404, ""));
            assertError(call("GET", "/v2/models/" + name, null, 401, ""));
        }
        assertError(call("GET", "/v2/models/nosuchmodel", null, 404, TestSettings.API_KEY));
        assertError(call("GET", "/v2/models/nosuchmodel/ready", null, 404, ""));
    }

    /**
     * 300 rows of each model through infer, FP32 flat for the champion and FP64 nested for the
     * challenger, against the same rows through the predict path: the champion's on this
     * service, the challenger's on a service that serves the challenger's bundle as champion.
     */
    @Test
    void aThreeHundredRowInferOfEachModelGivesTheScoresOfThePredictPath() throws Exception {
        Random random = new Random(29);
        Map<String, float[][]> rows = new java.util.LinkedHashMap<>();
        WIDTHS.forEach((model, width) -> rows.put(model, rows(random, ROWS, width)));
        for (RunningService predicting : List.of(service, challengerServing)) {
            boolean champion = predicting == service;
            Map<String, double[]> predicted = predictScores(predicting, rows);
            for (String model : WIDTHS.keySet()) {
                String path = champion ? "/v2/models/" + model + "/infer"
                        : "/v2/models/" + model + "/versions/" + CHALLENGER_VERSION + "/infer";
                ObjectNode request = inferRequest(rows.get(model), champion ? "FP32" : "FP64", !champion);
                request.put("id", "batch-" + model);
                schemas.assertValidRequest(request);
                JsonNode answer = call("POST", path, request.toString(), 200, TestSettings.API_KEY);
                assertEquals(model, answer.get("model_name").asText());
                assertEquals(champion ? CHAMPION_VERSION : CHALLENGER_VERSION, answer.get("model_version").asText());
                assertEquals("batch-" + model, answer.get("id").asText());
                assertEquals(List.of("score", "score_scaled"), answer.get("outputs").findValuesAsText("name"));
                JsonNode score = answer.at("/outputs/0");
                assertEquals("FP64", score.get("datatype").asText());
                assertEquals(JSON.createArrayNode().add(ROWS).add(1), score.get("shape"));
                assertEquals(ROWS, score.get("data").size());
                double largest = 0;
                for (int i = 0; i < ROWS; i++) {
                    double inferred = score.get("data").get(i).asDouble();
                    assertTrue(inferred >= 300 && inferred <= 850, "on the credit-score scale: " + inferred);
                    // The same model call on the same floats: equal to the last bit.
                    assertEquals(predicted.get(model)[i], inferred, 0.0, model + " row " + i);
                    largest = Math.max(largest, Math.abs(predicted.get(model)[i] - inferred));
                }
                System.out.printf("%s %s: largest |infer - predict| over %d rows = %s%n",
                        champion ? "champion" : "challenger", model, ROWS, largest);
            }
        }
    }

    @Test
    void theReasonsOutputIsTheReasonsThePredictAnswerGivesANewCustomer() throws Exception {
        JsonNode predicted = service.json(service.post("/api/v1/predict",
                "{\"customer_id\": \"NEW-OIP-REASONS\", \"features\": {" + DemoFeatures.NEW + "}}"));
        float[][] row = {toFloats(JSON.readTree(DemoFeatures.XGBOOST))};
        ObjectNode request = inferRequest(row, "FP32", false);
        request.putObject("parameters").put("reasons", true);
        JsonNode answer = call("POST", "/v2/models/xgboost/infer", request.toString(), 200, TestSettings.API_KEY);
        JsonNode reasons = answer.at("/outputs/2");
        assertEquals("reasons", reasons.get("name").asText());
        assertEquals("BYTES", reasons.get("datatype").asText());
        assertEquals(JSON.createArrayNode().add(1).add(1), reasons.get("shape"));
        assertTrue(predicted.get("reasons").size() > 0);
        assertEquals(predicted.get("reasons"), JSON.readTree(reasons.get("data").get(0).asText()));
        assertEquals(predicted.get("score").asDouble(), answer.at("/outputs/0/data/0").asDouble(), 1e-9);

        ObjectNode onlyReasons = inferRequest(row, "FP32", false);
        onlyReasons.putArray("outputs").addObject().put("name", "reasons");
        JsonNode only = call("POST", "/v2/models/xgboost/infer", onlyReasons.toString(), 200, SCORER_ONLY_KEY);
        assertEquals(List.of("reasons"), only.get("outputs").findValuesAsText("name"));
        assertEquals(reasons, only.at("/outputs/0"));
    }

    @Test
    void aTensorThatIsNotTheModelsIsRefusedWith400InTheProtocolsErrorShape() {
        String path = "/v2/models/traditional/infer";
        float[][] good = rows(new Random(3), 2, 8);
        List<String> bad = new ArrayList<>();
        bad.add(inferRequest(rows(new Random(3), 2, 7), "FP32", false).toString());
        ObjectNode shape = inferRequest(good, "FP32", false);
        ((ObjectNode) shape.at("/inputs/0")).set("shape", JSON.createArrayNode().add(16));
        bad.add(shape.toString());
        ObjectNode size = inferRequest(good, "FP32", false);
        ((ObjectNode) size.at("/inputs/0")).set("shape", JSON.createArrayNode().add(3).add(8));
        bad.add(size.toString());
        ObjectNode type = inferRequest(good, "FP32", false);
        ((ObjectNode) type.at("/inputs/0")).put("datatype", "INT32");
        bad.add(type.toString());
        ObjectNode huge = inferRequest(good, "FP32", false);
        ((ArrayNode) huge.at("/inputs/0/data")).set(3, JSON.getNodeFactory().numberNode(1e39));
        bad.add(huge.toString());
        ObjectNode text = inferRequest(good, "FP32", false);
        ((ArrayNode) text.at("/inputs/0/data")).set(3, JSON.getNodeFactory().textNode("NaN"));
        bad.add(text.toString());
        ObjectNode name = inferRequest(good, "FP32", false);
        ((ObjectNode) name.at("/inputs/0")).put("name", "input0");
        bad.add(name.toString());
        bad.add(inferRequest(rows(new Random(3), ROWS + 1, 8), "FP32", false).toString());
        ObjectNode unknownOutput = inferRequest(good, "FP32", false);
        unknownOutput.putArray("outputs").addObject().put("name", "probability");
        bad.add(unknownOutput.toString());
        bad.add("{\"inputs\": []}");
        bad.add("{\"inputs\": ");
        for (String body : bad) {
            JsonNode error = call("POST", path, body, 400, TestSettings.API_KEY);
            assertError(error);
        }
        assertTrue(call("POST", path, bad.get(0), 400, TestSettings.API_KEY).get("error").asText()
                .contains("[n, 8]"));
    }

    @Test
    void anUnknownModelOrVersionIs404AndTheKeyMustHoldTheScorerRole() {
        String body = inferRequest(rows(new Random(4), 1, 10), "FP32", false).toString();
        assertError(call("POST", "/v2/models/nosuchmodel/infer", body, 404, TestSettings.API_KEY));
        assertError(call("POST", "/v2/models/xgboost/versions/1999-01-01.0/infer", body, 404, TestSettings.API_KEY));
        assertError(call("POST", "/v2/models/xgboost/infer", body, 401, ""));
        assertError(call("POST", "/v2/models/xgboost/infer", body, 403, ADMIN_ONLY_KEY));
        call("POST", "/v2/models/xgboost/infer", body, 200, SCORER_ONLY_KEY);
    }

    @Test
    void inferStoresNothing() {
        List<Map<String, AttributeValue>> before = service.allItems();
        int shadowBefore = service.shadowRecords().size();
        for (String model : WIDTHS.keySet()) {
            for (String version : List.of("", "/versions/" + CHALLENGER_VERSION)) {
                ObjectNode request = inferRequest(rows(new Random(5), 20, WIDTHS.get(model)), "FP32", false);
                request.putObject("parameters").put("reasons", true);
                call("POST", "/v2/models/" + model + version + "/infer", request.toString(), 200, TestSettings.API_KEY);
            }
        }
        assertEquals(before, service.allItems());
        assertEquals(shadowBefore, service.shadowRecords().size());
    }

    @Test
    void theMetersCountInferRequestsByServedModelAndOutcomeNeverByAClientsName() {
        String body = inferRequest(rows(new Random(6), 4, 5), "FP32", false).toString();
        call("POST", "/v2/models/social/infer", body, 200, TestSettings.API_KEY);
        call("POST", "/v2/models/social/versions/" + CHALLENGER_VERSION + "/infer", body, 200, TestSettings.API_KEY);
        call("POST", "/v2/models/social/infer", "{\"inputs\": []}", 400, TestSettings.API_KEY);
        call("POST", "/v2/models/client-chosen-name/infer", body, 404, TestSettings.API_KEY);
        String metrics = service.sendAsIs(HttpRequest.newBuilder(service.managementUri("/observe/metrics")).GET()).body();
        for (String series : List.of(
                "creditscore_inference_requests_seconds_count{bundle=\"champion\",model=\"social\",outcome=\"success\"}",
                "creditscore_inference_requests_seconds_count{bundle=\"challenger\",model=\"social\",outcome=\"success\"}",
                "creditscore_inference_requests_seconds_count{bundle=\"champion\",model=\"social\",outcome=\"invalid\"}",
                "creditscore_inference_requests_seconds_count{bundle=\"none\",model=\"unknown\",outcome=\"not_found\"}",
                "creditscore_inference_rows_total{bundle=\"champion\",model=\"social\"}")) {
            assertTrue(metrics.contains(series), series + " in\n" + metrics);
        }
        assertFalse(metrics.contains("client-chosen-name"));
    }

    @Test
    void theServicesOpenApiDocumentDescribesEachProtocolEndpointWithItsSecurity() {
        HttpResponse<String> response = service.sendAsIs(HttpRequest.newBuilder(service.uri("/api/v1/openapi.json")));
        assertEquals(200, response.statusCode());
        JsonNode paths = service.json(response).get("paths");
        for (String path : List.of("/v2/models/{name}/infer", "/v2/models/{name}/versions/{version}/infer")) {
            JsonNode infer = paths.path(path).path("post");
            assertTrue(infer.has("requestBody"), path);
            assertEquals("scorer", infer.at("/security/0/bearer/0").asText(), path);
            assertTrue(fields(infer.get("responses")).containsAll(Set.of("200", "400", "401", "403", "404", "503")));
        }
        for (String path : List.of("/v2", "/v2/models/{name}", "/v2/models/{name}/versions/{version}")) {
            assertEquals("scorer", paths.path(path).at("/get/security/0/bearer/0").asText(), path);
        }
        for (String path : List.of("/v2/health/live", "/v2/health/ready", "/v2/models/{name}/ready",
                "/v2/models/{name}/versions/{version}/ready")) {
            assertTrue(paths.path(path).path("get").has("responses"), path);
            assertFalse(paths.path(path).path("get").has("security"), path + " is open");
        }
    }

    @Test
    void theProtocolsSchemasRefuseAnAnswerThatIsNotTheProtocols() {
        ObjectNode noModelName = JSON.createObjectNode();
        noModelName.putArray("outputs");
        assertThrows(AssertionError.class,
                () -> schemas.assertValid("/v2/models/x/infer", "POST", 200, noModelName));
        // The document's error schema requires no field; the tests' own check is that an error
        // is exactly {"error": "..."}.
        ObjectNode errorNotText = JSON.createObjectNode().put("error", 5);
        assertThrows(AssertionError.class, () -> schemas.assertValid("/v2/models/x/infer", "POST", 400, errorNotText));
        ObjectNode badTensor = JSON.createObjectNode().put("model_name", "x");
        badTensor.putArray("outputs").addObject().put("name", "score").put("datatype", "FP64");
        assertThrows(AssertionError.class, () -> schemas.assertValid("/v2/models/x/infer", "POST", 200, badTensor));
    }

    /** Sends the request (with the key; none when empty), checks the status and the protocol's schema. */
    private static JsonNode call(String method, String path, String body, int status, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.uri(path));
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (key != null && !key.isEmpty()) {
            request.header("Authorization", "Bearer " + key);
        }
        HttpResponse<String> response = service.sendAsIs(request);
        assertEquals(status, response.statusCode(), method + " " + path + ": " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode answer = service.json(response);
        boolean described = schemas.assertValid(path, method, status, answer);
        assertTrue(described || path.startsWith("/v2/health") || path.endsWith("/ready"),
                "the protocol's document describes the answer of " + method + " " + path + " " + status);
        return answer;
    }

    private static void assertError(JsonNode answer) {
        assertEquals(Set.of("error"), fields(answer), answer.toString());
        assertTrue(answer.get("error").isTextual() && !answer.get("error").asText().isBlank());
    }

    /** The score of every row of each model through POST /api/v1/predict, a few requests at a time. */
    private static Map<String, double[]> predictScores(RunningService predicting, Map<String, float[][]> rows)
            throws Exception {
        Map<String, double[]> scores = Map.of("traditional", new double[ROWS], "social", new double[ROWS],
                "xgboost", new double[ROWS]);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < ROWS; i++) {
                int row = i;
                sent.add(pool.submit(() -> {
                    String existing = predicting.existingCustomer();
                    JsonNode answer = predicted(predicting, "{\"customer_id\": \"" + existing + "\", \"features\": {"
                            + "\"traditional\": " + array(rows.get("traditional")[row]) + ", \"social\": "
                            + array(rows.get("social")[row]) + "}}");
                    for (JsonNode model : answer.get("models")) {
                        scores.get(model.get("model").asText())[row] = model.get("score").asDouble();
                    }
                    JsonNode newcomer = predicted(predicting, "{\"customer_id\": \"NEW-OIP-" + row
                            + "\", \"features\": {\"xgboost\": " + array(rows.get("xgboost")[row]) + "}}");
                    assertEquals("xgboost", newcomer.get("model").asText());
                    scores.get("xgboost")[row] = newcomer.get("score").asDouble();
                    return null;
                }));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return scores;
    }

    private static JsonNode predicted(RunningService predicting, String body) {
        HttpResponse<String> response = predicting.post("/api/v1/predict", body,
                "Content-Type", "application/json", "Authorization", "Bearer " + TestSettings.API_KEY);
        assertEquals(200, response.statusCode(), response.body());
        return predicting.json(response);
    }

    /** An infer request of one tensor: its rows flat, or nested as rows. */
    private static ObjectNode inferRequest(float[][] rows, String datatype, boolean nested) {
        ObjectNode request = JSON.createObjectNode();
        ObjectNode input = request.putArray("inputs").addObject();
        input.put("name", "features");
        input.put("datatype", datatype);
        input.putArray("shape").add(rows.length).add(rows[0].length);
        ArrayNode data = input.putArray("data");
        for (float[] row : rows) {
            ArrayNode target = nested ? data.addArray() : data;
            for (float value : row) {
                if (datatype.equals("FP64")) {
                    target.add((double) value);
                } else {
                    target.add(value);
                }
            }
        }
        return request;
    }

    private static String array(float[] row) {
        ArrayNode array = JSON.createArrayNode();
        for (float value : row) {
            array.add(value);
        }
        return array.toString();
    }

    private static float[][] rows(Random random, int count, int width) {
        float[][] rows = new float[count][width];
        for (float[] row : rows) {
            for (int i = 0; i < width; i++) {
                row[i] = random.nextFloat();
            }
        }
        return rows;
    }

    private static float[] toFloats(JsonNode array) {
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).floatValue();
        }
        return values;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
