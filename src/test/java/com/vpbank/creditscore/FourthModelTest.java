package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A fourth model, added the way docs/routes.md says: a folder in the bundle and a route
 * line in each multicast of predict.camel.yaml, with no build. It is served, averaged,
 * explained and stored like the others.
 */
class FourthModelTest {

    /**
     * predict.camel.yaml with docs/routes.md's recipe: after each {@code scoreWithImpactsOptional(*, 'social')}
     * step, the recipe's step for bureau, at that step's indentation.
     */
    static String withBureau(String predictRoute) {
        Matcher social = Pattern.compile(
                "(?m)^( *)- bean:\\n *ref: modelScoring\\n *method: \"scoreWithImpactsOptional\\(\\*, 'social'\\)\"\\n")
                .matcher(predictRoute);
        StringBuilder edited = new StringBuilder();
        int steps = 0;
        while (social.find()) {
            steps++;
            social.appendReplacement(edited, Matcher.quoteReplacement(social.group()
                    + RouteRecipes.indented("add-a-model", social.group(1))));
        }
        social.appendTail(edited);
        if (steps != 2) {
            throw new IllegalStateException("predict.camel.yaml has " + steps + " social steps, not one in each multicast");
        }
        return edited.toString()
                .replace("requireAnyGroup(*, 'traditional,social')", "requireAnyGroup(*, 'traditional,social,bureau')");
    }

    /** The demo bundle with a copy of the traditional model as "bureau", its codes B01, B02, ... */
    static Path bundleWithBureau(Path target) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        for (String model : List.of("traditional", "social", "xgboost", "bureau")) {
            Path from = TestBundles.DEMO.resolve(model.equals("bureau") ? "traditional" : model);
            Path to = Files.createDirectories(target.resolve(model));
            try (Stream<Path> files = Files.list(from)) {
                for (Path file : files.toList()) {
                    Files.copy(file, to.resolve(file.getFileName()));
                }
            }
        }
        Path config = target.resolve("bureau/config.json");
        ObjectNode bureau = (ObjectNode) mapper.readTree(config.toFile());
        bureau.put("name", "bureau");
        bureau.put("version", "2026-12-01.1");
        int[] number = {0};
        bureau.with("reason_codes").fields().forEachRemaining(code ->
                ((ObjectNode) code.getValue()).put("code", String.format("B%02d", ++number[0])));
        mapper.writeValue(config.toFile(), bureau);
        return target;
    }

    @TempDir
    static Path folder;
    static RunningService service;

    @BeforeAll
    static void start() throws IOException {
        Path routes = TestRoutes.edited(folder.resolve("routes"), "predict.camel.yaml", FourthModelTest::withBureau);
        Map<String, String> settings = new HashMap<>(TestRoutes.from(routes));
        settings.put("creditscore.models-dir", bundleWithBureau(folder.resolve("models")).toString());
        service = RunningService.start(settings);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void isServedAveragedExplainedAndStored() {
        String customerId = service.existingCustomer();
        // The bureau row is a weak one, so that its features are among those that lowered the score most.
        HttpResponse<String> response = service.post("/api/v1/predict", "{\"customer_id\": \"" + customerId
                + "\", \"features\": {" + DemoFeatures.EXISTING + ", \"bureau\": [0, 0, 1, 0, 0, 1, 0, 1]}}");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode answer = service.json(response);
        List<String> models = new ArrayList<>();
        double sum = 0;
        for (JsonNode model : answer.get("models")) {
            models.add(model.get("model").asText());
            sum += model.get("score").asDouble();
        }
        assertEquals(List.of("traditional", "social", "bureau"), models);
        assertEquals("2026-12-01.1", answer.at("/models/2/version").asText());
        assertEquals(3, answer.get("num_models_used").asInt());
        assertEquals(sum / 3, answer.get("aggregated_score").asDouble(), 0.01);
        List<String> explainedBy = new ArrayList<>();
        answer.get("reasons").forEach(reason -> explainedBy.add(reason.get("model").asText()));
        assertTrue(explainedBy.contains("bureau"), answer.toString());
        answer.get("reasons").forEach(reason -> {
            if (reason.get("model").asText().equals("bureau")) {
                assertTrue(reason.get("code").asText().startsWith("B"), reason.toString());
            }
        });

        List<Map<String, AttributeValue>> history = service.history(customerId);
        assertEquals(1, history.size());
        assertEquals(List.of("traditional", "social", "bureau"),
                history.get(0).get("models_used").l().stream().map(AttributeValue::s).toList());
        assertEquals(answer.get("prediction_id").asText(), history.get(0).get("prediction_id").s());
    }

    @Test
    void aRequestWithOnlyTheBureauGroupIsScoredByItAlone() {
        String customerId = service.existingCustomer();
        HttpResponse<String> response = service.post("/api/v1/predict", "{\"customer_id\": \"" + customerId
                + "\", \"features\": {\"bureau\": " + DemoFeatures.TRADITIONAL + "}}");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode answer = service.json(response);
        assertEquals(1, answer.get("num_models_used").asInt());
        assertEquals("bureau", answer.at("/models/0/model").asText());
    }

    @Test
    void healthListsTheFourModels() {
        JsonNode health = service.json(service.get("/health"));
        assertEquals("[\"bureau\",\"social\",\"traditional\",\"xgboost\"]", health.get("models_cached").toString());
    }
}
