package com.vpbank.creditscore.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vpbank.creditscore.model.DriftReference;
import com.vpbank.creditscore.model.ModelBundle;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The drift window on the demo bundle and its reference.json. */
class DriftWindowTest {

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
    void theWindowKeepsTheLastPredictionsOfEachModel() {
        DriftWindow window = new DriftWindow(bundle, 1, 3);
        DriftReference.Bins connections = bundle.reference("social").orElseThrow().features().get("social_connections");

        // Five predictions, all in the lowest bin of social_connections; then three in the highest.
        for (int i = 0; i < 5; i++) {
            window.record("social", 550, new float[] {0, 0.5f, 0.5f, 0.5f, 0.5f});
        }
        for (int i = 0; i < 3; i++) {
            window.record("social", 550, new float[] {1, 0.5f, 0.5f, 0.5f, 0.5f});
        }

        double[] highest = new double[connections.count()];
        highest[highest.length - 1] = 1;
        assertEquals(Psi.of(connections.proportions(), highest), window.psi("social", "social_connections"), 1e-12,
                "only the last three predictions count");
        DriftWindow.ModelDrift social = window.report().get(0);
        assertEquals(3, social.predictions());
        assertNull(window.report().get(1).scorePsi(), "no traditional prediction yet");
        assertTrue(Double.isNaN(window.psi("traditional", DriftWindow.SCORE)));
    }

    @Test
    void aShiftedFeatureDriftsAndTheOthersStayStable() {
        DriftWindow window = new DriftWindow(bundle, 1, 2000);
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            float[] row = new float[8];
            for (int f = 0; f < row.length; f++) {
                row[f] = random.nextFloat();
            }
            row[2] = (float) Math.sqrt(row[2]);
            row[6] = random.nextFloat() < 0.7 ? 1 : 0;
            row[7] = random.nextFloat() < 0.35 ? 1 : 0;
            window.record("traditional", 600, row);
        }

        Map<String, Double> psi = window.report().get(1).featurePsi();
        assertTrue(psi.get("debt") > 0.25, psi.toString());
        for (String stable : List.of("income", "savings", "credit_history_years", "payment_history",
                "credit_utilization", "employment_stable", "has_mortgage")) {
            assertTrue(psi.get(stable) < 0.10, stable + ": " + psi);
        }
    }

    @Test
    void aWindowIsOfOneBundleOnly() {
        try (ModelBundle other = ModelBundle.load(Path.of("models"))) {
            DriftWindow window = new DriftWindow(bundle, 1, 10);

            assertTrue(window.isFor(bundle));
            assertFalse(window.isFor(other));
        }
    }
}
