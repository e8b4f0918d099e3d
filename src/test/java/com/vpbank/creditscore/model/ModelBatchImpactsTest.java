package com.vpbank.creditscore.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reason-code impacts of many rows in one call ({@link Model#impacts(float[][])}: one ONNX
 * Runtime call for every row and its substituted rows, one TreeSHAP call of XGBoost) are each
 * row's impacts alone, for every model of the demo bundle.
 */
class ModelBatchImpactsTest {

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
    void twoHundredRowsInOneCallHaveTheImpactsOfEachAlone() {
        Random random = new Random(5);
        for (Model model : bundle.models()) {
            float[][] rows = new float[200][model.config().inputSize()];
            for (float[] row : rows) {
                for (int f = 0; f < row.length; f++) {
                    row[f] = random.nextFloat();
                }
            }

            double[][] batch = model.impacts(rows);

            assertEquals(rows.length, batch.length);
            for (int i = 0; i < rows.length; i++) {
                double[] alone = model.impacts(rows[i]);
                assertEquals(alone.length, batch[i].length);
                for (int f = 0; f < alone.length; f++) {
                    assertEquals(alone[f], batch[i][f], 1e-3, model.name() + " row " + i + " feature " + f);
                }
            }
        }
    }

    @Test
    void noRowsHaveNoImpacts() {
        for (Model model : bundle.models()) {
            assertEquals(0, model.impacts(new float[0][]).length, model.name());
        }
    }

    @Test
    void aRowOfTheWrongWidthIsRefused() {
        Model social = bundle.model("social");

        assertThrows(IllegalArgumentException.class,
                () -> social.impacts(new float[][] {new float[social.config().inputSize()], new float[2]}));
    }
}
