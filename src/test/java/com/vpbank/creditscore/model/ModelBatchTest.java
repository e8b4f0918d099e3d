package com.vpbank.creditscore.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Many rows in one model call (ONNX Runtime with a {@code [rows, width]} tensor, XGBoost's
 * {@code inplace_predict} of many rows) give each row the prediction it gets alone, for every
 * model of the demo bundle.
 */
class ModelBatchTest {

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
    void threeHundredRowsInOneCallScoreAsEachAlone() {
        Random random = new Random(11);
        for (Model model : bundle.models()) {
            float[][] rows = new float[300][model.config().inputSize()];
            for (float[] row : rows) {
                for (int f = 0; f < row.length; f++) {
                    row[f] = random.nextFloat();
                }
            }

            ModelPrediction[] batch = model.predict(rows);

            assertEquals(rows.length, batch.length);
            for (int i = 0; i < rows.length; i++) {
                ModelPrediction alone = model.predict(rows[i]);
                assertEquals(alone.scoreScaled(), batch[i].scoreScaled(), 1e-5, model.name() + " row " + i);
                assertEquals(alone.score(), batch[i].score(), 1e-3, model.name() + " row " + i);
            }
        }
    }

    @Test
    void noRowsIsNoPrediction() {
        for (Model model : bundle.models()) {
            assertEquals(0, model.predict(new float[0][]).length, model.name());
        }
    }

    @Test
    void aRowOfTheWrongWidthIsRefused() {
        Model traditional = bundle.model("traditional");
        float[][] rows = {new float[traditional.config().inputSize()], new float[3]};

        assertThrows(IllegalArgumentException.class, () -> traditional.predict(rows));
    }
}
