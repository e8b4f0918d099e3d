package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.vpbank.creditscore.api.ModelReloads;
import com.vpbank.creditscore.model.Model;
import com.vpbank.creditscore.model.ModelBundle;
import com.vpbank.creditscore.model.Scorer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A challenger whose models fail changes no answer. ONNX Runtime and XGBoost do not throw or
 * stall on a verified model, so these challengers wrap the real models in small fake scorers
 * (one that throws, one that sleeps past MODEL_TIMEOUT_MS), installed in the running service
 * as a reload installs a bundle; everything else is real, over HTTP. The shadow pool has one
 * thread and room for one waiting request.
 */
class ShadowFailureTest {

    private static final long SLEEP_MS = 1_500;

    @TempDir
    static Path folder;

    private static RunningService service;
    private static ModelBundle champion;
    private static ModelBundle challenger;
    private static double existingScore;
    private static double newScore;

    @BeforeAll
    static void start() {
        Path challengerDir = ChallengerBundles.write(folder.resolve("challenger"), "2026-02-01.1", Map.of());
        service = RunningService.start(Map.of(
                "creditscore.challenger.dir", challengerDir.toString(),
                "creditscore.shadow.pool-size", "1",
                "creditscore.shadow.pool-queue", "1"));
        // The configured challenger loads first, so that the fakes installed below replace it.
        service.awaitChallenger();
        champion = ModelBundle.load(Path.of("models"));
        challenger = ModelBundle.load(challengerDir);
        // What the champion answers, scored here from the same model files.
        existingScore = (champion.model("traditional").predict(new float[] {0.5f, 0.8f, 0.3f, 0.7f, 0.9f, 0.2f, 1, 0})
                .score() + champion.model("social").predict(new float[] {0.6f, 0.7f, 0.5f, 0.4f, 0.3f}).score()) / 2;
        newScore = champion.model("xgboost").predict(new float[] {0.5f, 0.8f, 0.3f, 1, 0, 1, 1, 0.6f, 0.3f, 0.2f})
                .score();
    }

    @AfterAll
    static void stop() {
        service.close();
        champion.close();
        challenger.close();
    }

    @Test
    void aChallengerWhoseModelsThrow_fakeScorers_changesNoAnswer() {
        install((real, features) -> {
            throw new IllegalStateException("the challenger model failed");
        });
        List<String> predictions = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            predictions.add(predictAndCheckTheAnswer(i % 2 == 0));
            awaitRecords(predictions);
        }

        for (Map<String, AttributeValue> record : records(predictions)) {
            assertFalse(record.containsKey("challenger_score"));
            assertTrue(record.get("challenger_error").s().contains("failed to score"), record.toString());
            assertTrue(record.containsKey("champion_score"));
        }
        JsonNode compare = service.json(service.get("/models/compare"));
        assertEquals(6, compare.get("shadowed").asLong());
        assertEquals(6, compare.get("challenger_failed").asLong());
        assertEquals(0, compare.get("pairs_in_window").asLong());
        assertEquals(6, ChampionChallengerTest.value(ChampionChallengerTest.scrape(service),
                "creditscore_shadow_requests_total{outcome=\"challenger_failed\"}"), 0.5);
    }

    @Test
    void aChallengerWhoseModelsSleep_fakeScorers_changesNoAnswerAndAFullPoolDrops() {
        install((real, features) -> {
            try {
                Thread.sleep(SLEEP_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return real.scoreScaled(features);
        });
        List<String> predictions = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            predictions.add(predictAndCheckTheAnswer(true));
        }
        // Every answer came back while the first shadow request still slept (two models of
        // 1.5 s each): none waited for the challenger.
        assertEquals(List.of(), records(predictions));

        // One shadow request ran, one waited, the other four were dropped.
        long deadline = System.nanoTime() + 30_000_000_000L;
        JsonNode compare = service.json(service.get("/models/compare"));
        while (compare.get("shadowed").asLong() + compare.get("dropped").asLong() < 6 && System.nanoTime() < deadline) {
            sleep(200);
            compare = service.json(service.get("/models/compare"));
        }
        assertEquals(2, compare.get("shadowed").asLong(), compare.toString());
        assertEquals(4, compare.get("dropped").asLong(), compare.toString());
        assertEquals(2, compare.get("challenger_failed").asLong(), "over MODEL_TIMEOUT_MS, as a champion would be");
        for (Map<String, AttributeValue> record : records(predictions)) {
            assertTrue(record.get("challenger_error").s().contains("exceeded its time budget"), record.toString());
        }
        assertTrue(ChampionChallengerTest.value(ChampionChallengerTest.scrape(service),
                "creditscore_shadow_requests_total{outcome=\"dropped\"}") >= 4);
    }

    /** Predicts for an existing or a new customer; the answer must be the champion's alone. */
    private static String predictAndCheckTheAnswer(boolean existing) {
        String customerId = existing ? service.existingCustomer() : "NEW-" + UUID.randomUUID();
        HttpResponse<String> response = service.post("/api/v1/predict",
                ScoringServiceTest.predictBody(customerId, existing ? DemoFeatures.EXISTING : DemoFeatures.NEW));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode answer = service.json(response);
        if (existing) {
            assertEquals(existingScore, answer.get("aggregated_score").asDouble(), 1e-9);
            assertEquals(2, answer.get("num_models_used").asInt());
        } else {
            assertEquals(newScore, answer.get("score").asDouble(), 1e-9);
        }
        assertFalse(response.body().contains("2026-02-01.1"));
        return answer.get("prediction_id").asText();
    }

    /** How a fake scorer answers, given the real one. */
    private interface FakeScoring {
        float score(Scorer real, float[] features);
    }

    /** Serves a challenger of the real models' configs and scalers, each scoring as {@code fake} says. */
    private static void install(FakeScoring fake) {
        List<Model> models = new ArrayList<>();
        for (Model real : challenger.models()) {
            models.add(new Model(real.config(), real.scaler(), new Scorer() {
                @Override
                public float scoreScaled(float[] features) {
                    return fake.score(real.scorer(), features);
                }

                @Override
                public float[] attributions(float[] features, float[] baseline) {
                    return real.scorer().attributions(features, baseline);
                }

                @Override
                public void close() {
                }
            }));
        }
        ModelReloads reloads = service.camelContext().getRegistry()
                .lookupByNameAndType("challengerReloads", ModelReloads.class);
        reloads.installLoaded(ModelBundle.of(folder, models, Map.of()));
    }

    private static List<Map<String, AttributeValue>> records(List<String> predictions) {
        Set<String> wanted = new HashSet<>(predictions);
        return service.shadowRecords().stream().filter(r -> wanted.contains(r.get("prediction_id").s())).toList();
    }

    private static void awaitRecords(List<String> predictions) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (records(predictions).size() < predictions.size()) {
            assertTrue(System.nanoTime() < deadline, "shadow records of " + predictions);
            sleep(20);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
