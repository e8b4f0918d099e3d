package com.vpbank.creditscore.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * A model's {@code config.json}: its name (equal to its folder's), version, input size and
 * optional feature names.
 */
public record ModelConfig(String name, String version, int inputSize, List<String> featureNames) {

    public ModelConfig {
        featureNames = List.copyOf(featureNames);
    }

    public static ModelConfig read(Path file) {
        JsonNode root = BundleJson.readObject(file);
        String name = text(file, root, "name");
        String version = text(file, root, "version");
        JsonNode size = root.get("input_size");
        if (size == null || !size.isInt() || size.asInt() <= 0) {
            throw new ModelBundleException(file + ": 'input_size' must be a positive integer");
        }
        List<String> names = new ArrayList<>();
        JsonNode featureNames = root.get("feature_names");
        if (featureNames != null && !featureNames.isNull()) {
            if (!featureNames.isArray()) {
                throw new ModelBundleException(file + ": 'feature_names' must be an array of strings");
            }
            for (JsonNode featureName : featureNames) {
                if (!featureName.isTextual() || featureName.asText().isEmpty()) {
                    throw new ModelBundleException(file + ": 'feature_names' must be an array of strings");
                }
                names.add(featureName.asText());
            }
            if (names.size() != size.asInt()) {
                throw new ModelBundleException(file + ": 'feature_names' has " + names.size()
                        + " entries but 'input_size' is " + size.asInt());
            }
            if (new HashSet<>(names).size() != names.size()) {
                throw new ModelBundleException(file + ": 'feature_names' repeats a name");
            }
        }
        return new ModelConfig(name, version, size.asInt(), names);
    }

    private static String text(Path file, JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new ModelBundleException(file + ": '" + field + "' is required and must be a string");
        }
        return value.asText();
    }
}
