package com.vpbank.creditscore.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TreeSHAP in the JVM, from the leaf tables and by the path algorithm, gives XGBoost4J's
 * {@code predictContrib} values for the bundle's XGBoost model, on random rows over each feature's range of split thresholds and on edge
 * rows (values exactly on a threshold and one float below it, zeros, large values,
 * missing values), and the values add up to the margin {@code inplace_predict} gives.
 * Models it cannot follow exactly are refused by name, and the scorer keeps
 * {@code predictContrib} for them.
 */
class XGBoostTreeShapTest {

    private static final Path MODEL = Path.of("models/xgboost/model.json");
    private static final double BOUND = 1e-5;
    private static final int RANDOM_ROWS = 10_000;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static XGBoostScorer scorer;
    private static XGBoostTreeShap treeShap;
    /** The split thresholds of each feature over all trees. */
    private static List<float[]> thresholds;

    @BeforeAll
    static void load() throws IOException {
        scorer = XGBoostScorer.open(MODEL);
        treeShap = XGBoostTreeShap.read(MODEL);
        thresholds = thresholds(MAPPER.readTree(MODEL.toFile()), treeShap.featureCount());
    }

    @AfterAll
    static void close() {
        scorer.close();
    }

    @Test
    void randomAndEdgeRowsGivePredictContribsValuesAddingUpToTheMargin() {
        List<float[]> rows = new ArrayList<>(randomRows(new Random(20251108L)));
        rows.addAll(edgeRows());

        double maxTableDifference = 0;
        double maxPathDifference = 0;
        double maxSumDifference = 0;
        for (float[] row : rows) {
            float[] expected = scorer.predictContrib(row);
            float[] fromTables = treeShap.contributions(row);
            float[] fromPaths = treeShap.pathContributions(row);
            assertEquals(expected.length, fromTables.length, "one per feature, then the bias");
            assertEquals(expected.length, fromPaths.length, "one per feature, then the bias");
            double sum = 0;
            for (int i = 0; i < expected.length; i++) {
                maxTableDifference = Math.max(maxTableDifference, Math.abs(expected[i] - fromTables[i]));
                maxPathDifference = Math.max(maxPathDifference, Math.abs(expected[i] - fromPaths[i]));
                sum += fromTables[i];
            }
            maxSumDifference = Math.max(maxSumDifference, Math.abs(sum - scorer.scoreScaled(row)));
        }
        System.out.printf("TreeSHAP over %d rows, largest difference to predictContrib: leaf tables %.3g,"
                + " path algorithm %.3g; largest |sum - margin| %.3g%n",
                rows.size(), maxTableDifference, maxPathDifference, maxSumDifference);
        assertTrue(rows.size() > RANDOM_ROWS);
        assertTrue(treeShap.hasLeafTables(), "the bundle's model is small enough for leaf tables");
        assertTrue(maxTableDifference <= BOUND, "largest difference of the leaf tables " + maxTableDifference);
        assertTrue(maxPathDifference <= BOUND, "largest difference of the path algorithm " + maxPathDifference);
        assertTrue(maxSumDifference <= BOUND, "largest |sum - margin| " + maxSumDifference);
    }

    @Test
    void theScorerComputesAttributionsInTheJvmForTheBundlesModel() {
        float[] row = randomRows(new Random(7)).get(0);

        assertTrue(scorer.treeShapInJvm());
        assertArrayEquals(treeShap.contributions(row), scorer.contributions(row));
        float[] attributions = scorer.attributions(row, null);
        assertEquals(row.length, attributions.length, "the bias is not a feature's attribution");
        for (int i = 0; i < row.length; i++) {
            assertEquals(scorer.predictContrib(row)[i], attributions[i], BOUND, "attribution " + i);
        }
    }

    @Test
    void aRowOfAnotherWidthIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> treeShap.contributions(new float[treeShap.featureCount() + 1]));
        assertEquals("a row of 11 features, the model has 10", e.getMessage());
    }

    @Test
    void aModelWithAnotherLinkIsRefusedAndTheScorerKeepsPredictContrib(@TempDir Path folder) throws IOException {
        Path logistic = modified(folder, model -> ((ObjectNode) model.at("/learner/objective")).put("name", "reg:logistic"));

        ModelBundleException e = assertThrows(ModelBundleException.class, () -> XGBoostTreeShap.read(logistic));
        assertTrue(e.getMessage().startsWith(logistic + ": objective 'reg:logistic' has a margin other than its output"),
                e.getMessage());
        try (XGBoostScorer fallback = XGBoostScorer.open(logistic)) {
            float[] row = randomRows(new Random(11)).get(0);
            assertFalse(fallback.treeShapInJvm());
            assertArrayEquals(fallback.predictContrib(row), fallback.contributions(row));
            float sum = 0;
            for (float contribution : fallback.contributions(row)) {
                sum += contribution;
            }
            assertTrue(Float.isFinite(sum));
        }
    }

    @Test
    void categoricalSplitsAreRefused(@TempDir Path folder) throws IOException {
        Path categorical = modified(folder, model -> {
            ArrayNode splitType = (ArrayNode) model.at("/learner/gradient_booster/model/trees/3/split_type");
            splitType.set(0, 1);
        });

        ModelBundleException e = assertThrows(ModelBundleException.class, () -> XGBoostTreeShap.read(categorical));
        assertEquals(categorical + ": tree 3 has categorical splits", e.getMessage());
    }

    @Test
    void anotherBoosterIsRefused(@TempDir Path folder) throws IOException {
        Path dart = modified(folder, model -> ((ObjectNode) model.at("/learner/gradient_booster")).put("name", "dart"));

        ModelBundleException e = assertThrows(ModelBundleException.class, () -> XGBoostTreeShap.read(dart));
        assertEquals(dart + ": booster 'dart' is not gbtree", e.getMessage());
    }

    @Test
    void moreThanOneTargetIsRefused(@TempDir Path folder) throws IOException {
        Path twoTargets = modified(folder,
                model -> ((ObjectNode) model.at("/learner/learner_model_param")).put("num_target", "2"));

        ModelBundleException e = assertThrows(ModelBundleException.class, () -> XGBoostTreeShap.read(twoTargets));
        assertEquals(twoTargets + ": more than one target or class", e.getMessage());
    }

    @Test
    void nodesThatDoNotFormATreeAreRefused(@TempDir Path folder) throws IOException {
        Path cycle = modified(folder, model -> {
            ArrayNode left = (ArrayNode) model.at("/learner/gradient_booster/model/trees/0/left_children");
            left.set(1, 0);
        });

        ModelBundleException e = assertThrows(ModelBundleException.class, () -> XGBoostTreeShap.read(cycle));
        assertEquals(cycle + ": tree 0 node 1 has child 0: the nodes do not form a tree", e.getMessage());
    }

    @Test
    void aNodeTheRootDoesNotReachChangesNothing(@TempDir Path folder) throws IOException {
        Path withDeletedNode = modified(folder, model -> {
            ObjectNode tree = (ObjectNode) model.at("/learner/gradient_booster/model/trees/0");
            ((ArrayNode) tree.get("left_children")).add(9999);
            ((ArrayNode) tree.get("right_children")).add(-7);
            ((ArrayNode) tree.get("parents")).add(0);
            ((ArrayNode) tree.get("split_indices")).add(123);
            ((ArrayNode) tree.get("split_conditions")).add(0.5);
            ((ArrayNode) tree.get("default_left")).add(0);
            ((ArrayNode) tree.get("sum_hessian")).add(0.0);
            ((ArrayNode) tree.get("base_weights")).add(0.0);
            ((ArrayNode) tree.get("loss_changes")).add(0.0);
            ((ArrayNode) tree.get("split_type")).add(0);
        });

        XGBoostTreeShap read = XGBoostTreeShap.read(withDeletedNode);
        for (float[] row : randomRows(new Random(3)).subList(0, 100)) {
            assertArrayEquals(treeShap.contributions(row), read.contributions(row));
        }
    }

    private static Path modified(Path folder, Consumer<JsonNode> change) throws IOException {
        JsonNode model = MAPPER.readTree(MODEL.toFile());
        change.accept(model);
        Path file = folder.resolve("model.json");
        Files.writeString(file, MAPPER.writeValueAsString(model));
        return file;
    }

    /**
     * Rows over each feature's range of thresholds widened by a fifth on each side; a third
     * of the values are a threshold itself or the float just below it.
     */
    private static List<float[]> randomRows(Random random) {
        List<float[]> rows = new ArrayList<>();
        for (int r = 0; r < RANDOM_ROWS; r++) {
            float[] row = new float[treeShap.featureCount()];
            for (int f = 0; f < row.length; f++) {
                float[] cuts = thresholds.get(f);
                float low = cuts[0];
                float high = cuts[cuts.length - 1];
                float margin = Math.max(0.2f * (high - low), 0.1f);
                int pick = random.nextInt(6);
                if (pick == 0) {
                    row[f] = cuts[random.nextInt(cuts.length)];
                } else if (pick == 1) {
                    row[f] = Math.nextDown(cuts[random.nextInt(cuts.length)]);
                } else {
                    row[f] = low - margin + random.nextFloat() * (high - low + 2 * margin);
                }
            }
            rows.add(row);
        }
        return rows;
    }

    /** Zeros, ones, large values of both signs, missing values, and each threshold of each feature alone. */
    private static List<float[]> edgeRows() {
        int width = treeShap.featureCount();
        List<float[]> rows = new ArrayList<>();
        for (float value : new float[] {0f, -0f, 1f, -1f, 1e6f, -1e6f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.NaN}) {
            float[] row = new float[width];
            java.util.Arrays.fill(row, value);
            rows.add(row);
        }
        for (int f = 0; f < width; f++) {
            for (float cut : thresholds.get(f)) {
                float[] onCut = new float[width];
                onCut[f] = cut;
                rows.add(onCut);
                float[] missingElsewhere = new float[width];
                java.util.Arrays.fill(missingElsewhere, Float.NaN);
                missingElsewhere[f] = Math.nextDown(cut);
                rows.add(missingElsewhere);
            }
            float[] missing = new float[width];
            missing[f] = Float.NaN;
            rows.add(missing);
        }
        return rows;
    }

    private static List<float[]> thresholds(JsonNode model, int width) {
        List<TreeSet<Float>> cuts = new ArrayList<>();
        for (int f = 0; f < width; f++) {
            cuts.add(new TreeSet<>());
        }
        for (JsonNode tree : model.at("/learner/gradient_booster/model/trees")) {
            for (int node = 0; node < tree.get("left_children").size(); node++) {
                if (tree.get("left_children").get(node).asInt() != -1) {
                    cuts.get(tree.get("split_indices").get(node).asInt())
                            .add(Float.parseFloat(tree.get("split_conditions").get(node).asText()));
                }
            }
        }
        List<float[]> result = new ArrayList<>();
        for (TreeSet<Float> set : cuts) {
            float[] values = new float[set.size()];
            int i = 0;
            for (float value : set) {
                values[i++] = value;
            }
            result.add(values.length == 0 ? new float[] {0f, 1f} : values);
        }
        return result;
    }
}
