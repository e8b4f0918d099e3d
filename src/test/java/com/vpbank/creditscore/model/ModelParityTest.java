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
 * ({@code models/golden.json}, written by {@code tools/make_model_bundle.py}): the scores,
 * and the feature impacts that reason codes are made of (XGBoost's TreeSHAP from
 * {@code pred_contribs=True}; for the ONNX models the same baseline substitution run in
 * torch and scikit-learn).
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

    /** Feature impacts, in credit-score points. */
    private static final double IMPACT_BOUND = 1e-3;

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
        List<Arguments> cases = new ArrayList<>();
        goldenRows().forEach(row -> cases.add(Arguments.of(row.model(), row.index(), row.features(),
                row.json().get("score_scaled").asDouble(), row.json().get("score").asDouble())));
        return cases;
    }

    static List<Arguments> impactCases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        goldenRows().forEach(row -> cases.add(Arguments.of(row.model(), row.index(), row.features(),
                numbers(row.json().get("impacts")))));
        return cases;
    }

    static List<Arguments> xgboostContributionCases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        goldenRows().stream().filter(row -> row.model().equals("xgboost")).forEach(row -> cases.add(
                Arguments.of(row.index(), row.features(), numbers(row.json().get("contributions")))));
        return cases;
    }

    @ParameterizedTest(name = "{0} row {1}")
    @MethodSource("impactCases")
    void javaFeatureImpactsMatchPython(String model, int row, float[] features, double[] expectedImpacts) {
        double[] impacts = bundle.model(model).impacts(features);

        assertEquals(expectedImpacts.length, impacts.length);
        for (int i = 0; i < impacts.length; i++) {
            assertEquals(expectedImpacts[i], impacts[i], IMPACT_BOUND, "impact of feature " + i);
        }
    }

    @ParameterizedTest(name = "xgboost row {0}")
    @MethodSource("xgboostContributionCases")
    void xgboostContributionsMatchPythonAndAddUpToThePrediction(int row, float[] features, double[] expected) {
        XGBoostScorer scorer = (XGBoostScorer) bundle.model("xgboost").scorer();

        float[] contributions = scorer.contributions(features);

        assertEquals(features.length + 1, contributions.length, "one per feature, then the bias");
        double sum = 0;
        for (int i = 0; i < contributions.length; i++) {
            assertEquals(expected[i], contributions[i], SCALED_BOUND, "contribution " + i);
            sum += contributions[i];
        }
        assertEquals(bundle.model("xgboost").predict(features).scoreScaled(), sum, SCALED_BOUND,
                "the contributions and the bias add up to the scaled prediction");
    }

    private record GoldenRow(String model, int index, float[] features, JsonNode json) {
    }

    private static List<GoldenRow> goldenRows() throws IOException {
        JsonNode golden = new ObjectMapper().readTree(Path.of("models/golden.json").toFile());
        List<GoldenRow> rows = new ArrayList<>();
        golden.get("models").fields().forEachRemaining(model -> {
            int index = 0;
            for (JsonNode row : model.getValue()) {
                float[] features = new float[row.get("features").size()];
                for (int i = 0; i < features.length; i++) {
                    features[i] = (float) row.get("features").get(i).asDouble();
                }
                rows.add(new GoldenRow(model.getKey(), index++, features, row));
            }
        });
        return rows;
    }

    private static double[] numbers(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
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
