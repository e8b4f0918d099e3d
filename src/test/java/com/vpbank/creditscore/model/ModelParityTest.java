package com.vpbank.creditscore.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Java scorers reproduce the Python stack's own outputs for the committed bundle
 * ({@code models/golden.json}, written by {@code tools/make_model_bundle.py}).
 */
class ModelParityTest {

    /** MLP and XGBoost: the scaled output within 1e-4. */
    private static final double SCALED_BOUND = 1e-4;
    /**
     * Tree ensemble: ONNX Runtime compares float32 inputs against the float32 thresholds
     * the converter writes, as scikit-learn does, so every row takes the same leaves; what
     * remains is the float32 sum of 50 leaf values against scikit-learn's float64 mean:
     * on the demo bundle every row agrees within 3e-7 (two float32 steps).
     */
    private static final double TREE_SCALED_BOUND = 1e-6;

    private static ModelBundle bundle;

    @BeforeAll
    static void load() {
        bundle = ModelBundle.load(Path.of("models"));
    }

    @AfterAll
    static void close() {
        bundle.close();
    }

    static List<Arguments> goldenCases() throws IOException {
        JsonNode golden = new ObjectMapper().readTree(Path.of("models/golden.json").toFile());
        List<Arguments> cases = new ArrayList<>();
        golden.get("models").fields().forEachRemaining(model -> {
            int index = 0;
            for (JsonNode row : model.getValue()) {
                float[] features = new float[row.get("features").size()];
                for (int i = 0; i < features.length; i++) {
                    features[i] = (float) row.get("features").get(i).asDouble();
                }
                cases.add(Arguments.of(model.getKey(), index++, features,
                        row.get("score_scaled").asDouble(), row.get("score").asDouble()));
            }
        });
        return cases;
    }

    @ParameterizedTest(name = "{0} row {1}")
    @MethodSource("goldenCases")
    void javaScorerMatchesPython(String model, int row, float[] features, double expectedScaled, double expectedScore) {
        ModelPrediction prediction = bundle.model(model).predict(features);

        double bound = model.equals("social") ? TREE_SCALED_BOUND : SCALED_BOUND;
        assertEquals(expectedScaled, prediction.scoreScaled(), bound, "score_scaled");
        double scoreBound = bound * scoreRange(bundle.model(model).scaler());
        assertEquals(expectedScore, prediction.score(), scoreBound, "score");
    }

    /** How far one unit of scaled output moves the credit score. */
    private static double scoreRange(TargetScaler scaler) {
        return Math.max(1, Math.abs(scaler.factor()));
    }
}
