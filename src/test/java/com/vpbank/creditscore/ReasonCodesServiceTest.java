package com.vpbank.creditscore;

import static com.vpbank.creditscore.ScoringServiceTest.array;
import static com.vpbank.creditscore.ScoringServiceTest.predictBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vpbank.creditscore.model.ModelBundle;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reason codes over real HTTP: in every predict answer, the most negative feature impacts,
 * at most four, in order, with the codes and descriptions of the bundle; stored with the
 * prediction and returned by search. Also a bundle made before reason codes, and the
 * predict route with its reason-codes step removed.
 */
class ReasonCodesServiceTest {

    /** A weak applicant: more than four features lower each model's score. */
    private static final float[] TRADITIONAL = {0.1f, 0.2f, 0.9f, 0.1f, 0.2f, 0.9f, 0f, 0f};
    private static final float[] SOCIAL = {0.1f, 0.95f, 0.1f, 0.5f, 0.1f};
    private static final float[] XGBOOST = {0.1f, 0.2f, 0.9f, 0.1f, 0.2f, 0f, 1f, 0.9f, 0.9f, 0.1f};
    private static final String EXISTING_GROUPS = "\"traditional\": " + array(TRADITIONAL) + ", \"social\": "
            + array(SOCIAL);
    private static final Set<String> REASON_FIELDS = Set.of("code", "feature", "model", "impact", "description");

    private static RunningService service;
    private static ModelBundle bundle;
    private static ObjectNode configs;

    @BeforeAll
    static void start() throws IOException {
        service = RunningService.start();
        bundle = ModelBundle.load(TestBundles.DEMO);
        ObjectMapper mapper = new ObjectMapper();
        configs = mapper.createObjectNode();
        for (String model : List.of("traditional", "social", "xgboost")) {
            configs.set(model, mapper.readTree(TestBundles.DEMO.resolve(model + "/config.json").toFile()));
        }
    }

    @AfterAll
    static void stop() {
        service.close();
        bundle.close();
    }

    @Test
    void newCustomerAnswerGivesTheFourMostNegativeImpactsInOrderWithTheBundlesCodes() {
        HttpResponse<String> response = service.post("/api/v1/predict",
                predictBody("NEW-" + UUID.randomUUID(), "\"xgboost\": " + array(XGBOOST)));

        assertEquals(200, response.statusCode(), response.body());
        JsonNode reasons = service.json(response).get("reasons");
        List<Expected> expected = mostNegative(impacts("xgboost", XGBOOST, 1));
        assertEquals(4, reasons.size(), reasons.toString());
        assertReasons(expected, reasons);
    }

    @Test
    void existingCustomerReasonsAreImpactsOnTheMeanOfBothModels() {
        HttpResponse<String> response = service.post("/api/v1/predict",
                predictBody(service.existingCustomer(), EXISTING_GROUPS));

        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = service.json(response);
        List<Expected> candidates = new ArrayList<>(impacts("traditional", TRADITIONAL, 2));
        candidates.addAll(impacts("social", SOCIAL, 2));
        assertReasons(mostNegative(candidates), body.get("reasons"));
        for (JsonNode model : body.get("models")) {
            assertFalse(model.has("reasons_unavailable"), model.toString());
        }
    }

    @Test
    void reasonsAreStoredWithThePredictionAndReturnedBySearch() {
        String customerId = service.existingCustomer();
        JsonNode answered = service.json(service.post("/api/v1/predict", predictBody(customerId, EXISTING_GROUPS)))
                .get("reasons");
        assertEquals(4, answered.size());

        List<AttributeValue> latest = service.customerItem(customerId).get("reasons").l();
        List<AttributeValue> history = service.history(customerId).get(0).get("reasons").l();
        for (List<AttributeValue> stored : List.of(latest, history)) {
            assertEquals(answered.size(), stored.size());
            for (int i = 0; i < stored.size(); i++) {
                Map<String, AttributeValue> reason = stored.get(i).m();
                JsonNode expected = answered.get(i);
                assertEquals(expected.get("code").asText(), reason.get("code").s());
                assertEquals(expected.get("feature").asText(), reason.get("feature").s());
                assertEquals(expected.get("model").asText(), reason.get("model").s());
                assertEquals(expected.get("description").asText(), reason.get("description").s());
                assertEquals(expected.get("impact").asDouble(), Double.parseDouble(reason.get("impact").n()), 0);
            }
        }
        JsonNode search = service.json(service.get("/api/v1/search?customer_id=" + customerId));
        assertEquals(answered, search.at("/latest_prediction/reasons"));
        assertEquals(answered, search.at("/history/0/reasons"));
    }

    @Test
    void aBundleWithoutBaselinesOrReasonCodesServesAndSaysWhereReasonsAreMissing(@TempDir Path folder) {
        Path plain = TestBundles.withoutReasonCodeFields(folder);
        try (RunningService old = RunningService.start(Map.of("creditscore.models-dir", plain.toString()))) {
            HttpResponse<String> existing = old.post("/api/v1/predict",
                    predictBody(old.existingCustomer(), EXISTING_GROUPS));
            HttpResponse<String> newcomer = old.post("/api/v1/predict",
                    predictBody("NEW-" + UUID.randomUUID(), "\"xgboost\": " + array(XGBOOST)));

            assertEquals(200, existing.statusCode(), existing.body());
            JsonNode existingBody = old.json(existing);
            assertEquals(0, existingBody.get("reasons").size());
            for (JsonNode model : existingBody.get("models")) {
                assertEquals("The model's bundle gives no baseline to measure its features against.",
                        model.get("reasons_unavailable").asText(), model.toString());
            }
            assertEquals(200, newcomer.statusCode(), newcomer.body());
            JsonNode reasons = old.json(newcomer).get("reasons");
            List<Expected> expected = mostNegative(impacts("xgboost", XGBOOST, 1));
            assertEquals(4, reasons.size());
            for (int i = 0; i < 4; i++) {
                JsonNode reason = reasons.get(i);
                assertEquals(Set.of("code", "feature", "model", "impact"), fieldNames(reason));
                assertEquals(expected.get(i).feature(), reason.get("code").asText(), "the feature name as code");
                assertEquals(expected.get(i).feature(), reason.get("feature").asText());
                assertEquals(expected.get(i).impact(), reason.get("impact").asDouble(), 1e-9);
            }
        }
    }

    @Test
    void withTheRouteStepRemovedPredictionsAreAnsweredAndStoredWithoutReasons(@TempDir Path routes) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.toList()) {
                Files.copy(file, routes.resolve(file.getFileName()));
            }
        }
        Path predictRoute = routes.resolve("predict.camel.yaml");
        // As docs/routes.md says: the step taken out, and the models scored without their impacts.
        String withoutStep = Files.readString(predictRoute).replaceAll("(?s)\n *# Reason codes:.*?method: explain", "")
                .replace("scoreWithImpactsOptional(", "scoreOptional(");
        assertFalse(withoutStep.contains("reasonCodes"), "the step is gone from the route");
        assertFalse(withoutStep.contains("scoreWithImpactsOptional("), "the models score alone");
        Files.writeString(predictRoute, withoutStep);

        try (RunningService plain = RunningService.start(Map.of("camel.main.routes-include-pattern",
                "file:" + routes + "/*.camel.yaml"))) {
            String customerId = plain.existingCustomer();
            HttpResponse<String> response = plain.post("/api/v1/predict", predictBody(customerId, EXISTING_GROUPS));

            assertEquals(200, response.statusCode(), response.body());
            assertFalse(plain.json(response).has("reasons"), response.body());
            assertTrue(plain.customerItem(customerId).get("reasons").nul());
            JsonNode search = plain.json(plain.get("/api/v1/search?customer_id=" + customerId));
            assertTrue(search.at("/latest_prediction/reasons").isNull(), search.toString());
        }
    }

    private record Expected(String model, String feature, int index, double impact) {
    }

    /** A model's negative impacts on the answered score, computed by the bundle's classes in this JVM. */
    private static List<Expected> impacts(String model, float[] features, int modelsThatScored) {
        double[] impacts = bundle.model(model).impacts(features);
        List<Expected> negative = new ArrayList<>();
        for (int i = 0; i < impacts.length; i++) {
            if (impacts[i] < 0) {
                negative.add(new Expected(model, configs.at("/" + model + "/feature_names/" + i).asText(), i,
                        impacts[i] / modelsThatScored));
            }
        }
        return negative;
    }

    private static List<Expected> mostNegative(List<Expected> candidates) {
        assertTrue(candidates.size() > 4, "the test row has more than four harmful features");
        return candidates.stream().sorted(Comparator.comparingDouble(Expected::impact)).limit(4).toList();
    }

    /** The answer's reasons are the expected ones, in order, with the bundle's codes and descriptions. */
    private static void assertReasons(List<Expected> expected, JsonNode reasons) {
        assertEquals(expected.size(), reasons.size(), reasons.toString());
        double previous = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < expected.size(); i++) {
            JsonNode reason = reasons.get(i);
            Expected want = expected.get(i);
            JsonNode code = configs.at("/" + want.model() + "/reason_codes/" + want.feature());
            assertEquals(REASON_FIELDS, fieldNames(reason), reason.toString());
            assertEquals(want.model(), reason.get("model").asText());
            assertEquals(want.feature(), reason.get("feature").asText());
            assertEquals(code.get("code").asText(), reason.get("code").asText());
            assertEquals(code.get("description").asText(), reason.get("description").asText());
            assertEquals(want.impact(), reason.get("impact").asDouble(), 1e-9);
            assertTrue(reason.get("impact").asDouble() < 0);
            assertTrue(reason.get("impact").asDouble() >= previous, "most harmful first");
            previous = reason.get("impact").asDouble();
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
