package com.vpbank.creditscore.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vpbank.creditscore.model.ModelBundle;
import com.vpbank.creditscore.model.ModelsUnavailableException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Model failures and time budgets, on the demo bundle; a fake clock makes a model run over its budget. */
class ModelScoringTest {

    private static final float[] SOCIAL = {0.6f, 0.7f, 0.5f, 0.4f, 0.3f};
    private static final float[] XGBOOST = {0.5f, 0.8f, 0.3f, 1f, 0f, 1f, 1f, 0.6f, 0.3f, 0.2f};

    private static ModelBundle bundle;

    @BeforeAll
    static void load() {
        bundle = ModelBundle.load(Path.of("models"));
    }

    @AfterAll
    static void close() {
        bundle.close();
    }

    @Test
    void modelWithinBudgetScores() {
        ModelResult result = new ModelScoring(Duration.ofSeconds(5))
                .scoreOptional(new PredictRequest("C1", Map.of("social", SOCIAL), bundle), "social");

        assertTrue(result.succeeded());
        assertEquals(bundle.model("social").predict(SOCIAL).score(), result.score());
        assertEquals("2025-11-08.1", result.version());
    }

    @Test
    void modelWhoseGroupIsAbsentTakesNoPart() {
        assertNull(new ModelScoring(Duration.ofSeconds(5))
                .scoreOptional(new PredictRequest("C1", Map.of("social", SOCIAL), bundle), "traditional"));
    }

    @Test
    void modelOverItsBudgetWithAFakeClockIsReportedAsFailed() {
        AtomicLong now = new AtomicLong();
        ModelScoring scoring = new ModelScoring(Duration.ofMillis(100), () -> now.getAndAdd(150_000_000));

        ModelResult result = scoring.scoreOptional(new PredictRequest("C1", Map.of("social", SOCIAL), bundle), "social");

        assertFalse(result.succeeded());
        assertEquals("Model social exceeded its time budget of 100 ms.", result.error());
        assertNull(result.score());
    }

    @Test
    void modelThatThrowsIsReportedAsFailed() {
        ModelResult result = new ModelScoring(Duration.ofSeconds(5))
                .scoreOptional(new PredictRequest("C1", Map.of("social", new float[] {1f}), bundle), "social");

        assertFalse(result.succeeded());
        assertEquals("Model social failed to score.", result.error());
    }

    @Test
    void requiredModelThatFailsIsUnavailable() {
        ModelScoring scoring = new ModelScoring(Duration.ofSeconds(5));
        PredictRequest broken = new PredictRequest("C1", Map.of("xgboost", new float[] {1f}), bundle);

        assertThrows(ModelsUnavailableException.class, () -> scoring.scoreRequired(broken, "xgboost"));
        assertTrue(scoring.scoreRequired(new PredictRequest("C1", Map.of("xgboost", XGBOOST), bundle), "xgboost").succeeded());
    }
}
