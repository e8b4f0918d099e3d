package com.vpbank.creditscore.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reason-code fields of a model's config.json: read when valid, the bundle refused when not. */
class ModelConfigTest {

    private static final String HEAD = "\"name\": \"social\", \"version\": \"v1\", \"input_size\": 2, "
            + "\"feature_names\": [\"a\", \"b\"]";

    @TempDir
    Path folder;

    @Test
    void baselineAndReasonCodesAreRead() throws IOException {
        ModelConfig config = ModelConfig.read(config(HEAD + ", \"baseline\": [0.25, 0.5], \"reason_codes\": "
                + "{\"a\": {\"code\": \"A1\", \"description\": \"A is low\"}, \"b\": {\"code\": \"B1\"}}"));

        assertArrayEquals(new float[] {0.25f, 0.5f}, config.baseline());
        assertEquals(new ModelConfig.ReasonCode("A1", "A is low"), config.reasonCode(0));
        assertEquals(new ModelConfig.ReasonCode("B1", null), config.reasonCode(1));
    }

    @Test
    void withoutThemThereIsNoBaselineAndEachFeatureIsItsOwnCode() throws IOException {
        ModelConfig config = ModelConfig.read(config(HEAD));

        assertNull(config.baseline());
        assertEquals(new ModelConfig.ReasonCode("b", null), config.reasonCode(1));
    }

    @Test
    void aFeatureWithoutANameIsCalledByItsPosition() throws IOException {
        ModelConfig config = ModelConfig.read(config("\"name\": \"social\", \"version\": \"v1\", \"input_size\": 3"));

        assertEquals("f2", config.featureName(2));
        assertEquals(new ModelConfig.ReasonCode("f2", null), config.reasonCode(2));
    }

    @Test
    void aBaselineOfTheWrongLengthOrNotFiniteRefusesTheBundle() throws IOException {
        Path shortBaseline = config(HEAD + ", \"baseline\": [0.5]");
        ModelBundleException refused = assertThrows(ModelBundleException.class, () -> ModelConfig.read(shortBaseline));
        assertEquals(shortBaseline + ": 'baseline' must be an array of 'input_size' (2) numbers", refused.getMessage());

        Path text = config(HEAD + ", \"baseline\": [0.5, \"x\"]");
        assertTrue(assertThrows(ModelBundleException.class, () -> ModelConfig.read(text)).getMessage()
                .endsWith("'baseline' [1] must be a finite number"));
        Path overflow = config(HEAD + ", \"baseline\": [0.5, 1e39]");
        assertTrue(assertThrows(ModelBundleException.class, () -> ModelConfig.read(overflow)).getMessage()
                .endsWith("'baseline' [1] must be a finite number"));
    }

    @Test
    void reasonCodesForAnUnknownFeatureOrWithoutACodeRefuseTheBundle() throws IOException {
        Path unknown = config(HEAD + ", \"reason_codes\": {\"c\": {\"code\": \"C1\"}}");
        assertEquals(unknown + ": 'reason_codes' names 'c', which is not one of 'feature_names'",
                assertThrows(ModelBundleException.class, () -> ModelConfig.read(unknown)).getMessage());

        Path noCode = config(HEAD + ", \"reason_codes\": {\"a\": {\"description\": \"A is low\"}}");
        assertEquals(noCode + ": 'reason_codes' of 'a' must have a 'code' string",
                assertThrows(ModelBundleException.class, () -> ModelConfig.read(noCode)).getMessage());

        Path unnamed = config("\"name\": \"social\", \"version\": \"v1\", \"input_size\": 2, "
                + "\"reason_codes\": {\"a\": {\"code\": \"A1\"}}");
        assertEquals(unnamed + ": 'reason_codes' needs 'feature_names'",
                assertThrows(ModelBundleException.class, () -> ModelConfig.read(unnamed)).getMessage());
    }

    private Path config(String fields) throws IOException {
        Path file = Files.createTempFile(folder, "config", ".json");
        Files.writeString(file, "{" + fields + "}");
        return file;
    }
}
