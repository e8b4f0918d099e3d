package com.vpbank.creditscore.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's {@code config.json}: its name (equal to its folder's), version, input size,
 * optional feature names, and what reason codes need: the optional {@code baseline}
 * (the reference row a feature's impact is measured against) and {@code reason_codes}
 * (feature name to code and description).
 */
public record ModelConfig(String name, String version, int inputSize, List<String> featureNames,
                          float[] baseline, Map<String, ReasonCode> reasonCodes) {

    /** The code and the adverse-action sentence of one feature. */
    public record ReasonCode(String code, String description) {
    }

    public ModelConfig {
        featureNames = List.copyOf(featureNames);
        baseline = baseline == null ? null : baseline.clone();
        reasonCodes = Map.copyOf(reasonCodes);
    }

    public ModelConfig(String name, String version, int inputSize, List<String> featureNames) {
        this(name, version, inputSize, featureNames, null, Map.of());
    }

    /** The name of the feature at {@code index}: its {@code feature_names} entry, else {@code f<index>}. */
    public String featureName(int index) {
        return featureNames.isEmpty() ? "f" + index : featureNames.get(index);
    }

    /**
     * The reason code of the feature at {@code index}: the bundle's, else the feature name as
     * code and no description.
     */
    public ReasonCode reasonCode(int index) {
        String feature = featureName(index);
        ReasonCode code = reasonCodes.get(feature);
        return code != null ? code : new ReasonCode(feature, null);
    }

    /** The reference row, or {@code null} when the bundle gives none. */
    @Override
    public float[] baseline() {
        return baseline == null ? null : baseline.clone();
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
        return new ModelConfig(name, version, size.asInt(), names, baseline(file, root, size.asInt()),
                reasonCodes(file, root, names));
    }

    private static float[] baseline(Path file, JsonNode root, int inputSize) {
        JsonNode node = root.get("baseline");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray() || node.size() != inputSize) {
            throw new ModelBundleException(file + ": 'baseline' must be an array of 'input_size' ("
                    + inputSize + ") numbers");
        }
        float[] values = new float[inputSize];
        for (int i = 0; i < inputSize; i++) {
            JsonNode value = node.get(i);
            if (!value.isNumber() || !Float.isFinite(value.floatValue())) {
                throw new ModelBundleException(file + ": 'baseline' [" + i + "] must be a finite number");
            }
            values[i] = value.floatValue();
        }
        return values;
    }

    private static Map<String, ReasonCode> reasonCodes(Path file, JsonNode root, List<String> featureNames) {
        JsonNode node = root.get("reason_codes");
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new ModelBundleException(file + ": 'reason_codes' must be an object keyed by feature name");
        }
        if (featureNames.isEmpty() && !node.isEmpty()) {
            throw new ModelBundleException(file + ": 'reason_codes' needs 'feature_names'");
        }
        Map<String, ReasonCode> codes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> entries = node.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String feature = entry.getKey();
            if (!featureNames.contains(feature)) {
                throw new ModelBundleException(file + ": 'reason_codes' names '" + feature
                        + "', which is not one of 'feature_names'");
            }
            JsonNode code = entry.getValue().get("code");
            JsonNode description = entry.getValue().get("description");
            if (code == null || !code.isTextual() || code.asText().isBlank()) {
                throw new ModelBundleException(file + ": 'reason_codes' of '" + feature
                        + "' must have a 'code' string");
            }
            if (description != null && !description.isNull() && !description.isTextual()) {
                throw new ModelBundleException(file + ": 'reason_codes' of '" + feature
                        + "': 'description' must be a string");
            }
            codes.put(feature, new ReasonCode(code.asText(),
                    description == null || description.isNull() ? null : description.asText()));
        }
        return codes;
    }

    private static String text(Path file, JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new ModelBundleException(file + ": '" + field + "' is required and must be a string");
        }
        return value.asText();
    }
}
