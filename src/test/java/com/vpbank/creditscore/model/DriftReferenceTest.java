package com.vpbank.creditscore.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftReferenceTest {

    private static final ModelConfig CONFIG = new ModelConfig("social", "1", 2, List.of("a", "b"));

    @Test
    void theDemoBundleCarriesAReferenceForEveryModelAndEveryFeature() {
        try (ModelBundle bundle = ModelBundle.load(Path.of("models"))) {
            for (Model model : bundle.models()) {
                DriftReference reference = bundle.reference(model.name()).orElseThrow();
                assertEquals(20000, reference.rows());
                assertEquals(10, reference.score().count(), model.name() + ": score deciles");
                assertEquals(model.config().featureNames(), List.copyOf(reference.features().keySet()));
            }
            DriftReference traditional = bundle.reference("traditional").orElseThrow();
            assertArrayEquals(new double[] {0.5}, traditional.features().get("has_mortgage").edges(),
                    "a flag is cut between its two values");
        }
    }

    @Test
    void aWellFormedReferenceIsReadInTheModelsFeatureOrder(@TempDir Path dir) throws IOException {
        Path file = write(dir, """
                {"rows": 4, "score": {"edges": [500], "proportions": [0.5, 0.5]},
                 "features": {"b": {"edges": [0.5], "proportions": [0.25, 0.75]},
                              "a": {"edges": [0.1, 0.2], "proportions": [0.2, 0.3, 0.5]}}}""");

        DriftReference reference = DriftReference.read(file, CONFIG);

        assertEquals(List.of("a", "b"), List.copyOf(reference.features().keySet()));
        assertArrayEquals(new double[] {0.2, 0.3, 0.5}, reference.features().get("a").proportions());
    }

    @Test
    void aMalformedReferenceIsRefusedNamingTheFileAndTheFault(@TempDir Path dir) throws IOException {
        String score = "\"score\": {\"edges\": [500], \"proportions\": [0.5, 0.5]}";
        assertRefused(dir, "{\"rows\": 0, " + score + "}", "'rows' must be a positive integer");
        assertRefused(dir, "{\"rows\": 5}", "'score' must be an object");
        assertRefused(dir, "{\"rows\": 5, \"score\": {\"edges\": [1, 2], \"proportions\": [0.5, 0.5]}}",
                "has 2 edges and 2 proportions");
        assertRefused(dir, "{\"rows\": 5, \"score\": {\"edges\": [2, 1], \"proportions\": [0.2, 0.3, 0.5]}}",
                "'score.edges' must be strictly ascending");
        assertRefused(dir, "{\"rows\": 5, \"score\": {\"edges\": [1], \"proportions\": [0.2, 0.3]}}",
                "sum to 0.5");
        assertRefused(dir, "{\"rows\": 5, " + score + ", \"features\": {\"c\": {\"edges\": [], \"proportions\": [1]}}}",
                "feature 'c' is not one of the model's feature_names");
    }

    @Test
    void aBundleWithABadReferenceIsRefusedWhole(@TempDir Path dir) throws IOException {
        for (String model : List.of("traditional", "social", "xgboost")) {
            Path folder = Files.createDirectories(dir.resolve(model));
            try (var files = Files.list(Path.of("models", model))) {
                for (Path file : files.toList()) {
                    Files.copy(file, folder.resolve(file.getFileName()));
                }
            }
        }
        Files.writeString(dir.resolve("social/reference.json"), "{\"rows\": 1}");

        ModelBundleException refused = assertThrows(ModelBundleException.class, () -> ModelBundle.load(dir));

        assertTrue(refused.getMessage().contains("social/reference.json: 'score' must be an object"),
                refused.getMessage());
    }

    private static void assertRefused(Path dir, String json, String fault) throws IOException {
        Path file = write(dir, json);
        ModelBundleException refused = assertThrows(ModelBundleException.class, () -> DriftReference.read(file, CONFIG));
        assertTrue(refused.getMessage().startsWith(file.toString()), refused.getMessage());
        assertTrue(refused.getMessage().contains(fault), refused.getMessage());
    }

    private static Path write(Path dir, String json) throws IOException {
        return Files.writeString(dir.resolve("reference.json"), json);
    }
}
