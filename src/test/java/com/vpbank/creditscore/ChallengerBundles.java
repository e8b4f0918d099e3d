package com.vpbank.creditscore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Challenger bundles for tests: the demo bundle's model files under a new version, with
 * target scalers moved so that the challenger scores differently from the champion.
 */
final class ChallengerBundles {

    static final Path DEMO = Path.of("models");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChallengerBundles() {
    }

    /**
     * The demo bundle in {@code folder} as version {@code version}, each model's scaler offset
     * moved by {@code shifts} (data_min for minmax, mean for standard), by model name.
     */
    static Path write(Path folder, String version, Map<String, Double> shifts) {
        try {
            for (String model : new String[] {"traditional", "social", "xgboost"}) {
                Path source = DEMO.resolve(model);
                Path target = Files.createDirectories(folder.resolve(model));
                String modelFile = model.equals("xgboost") ? "model.json" : "model.onnx";
                Files.copy(source.resolve(modelFile), target.resolve(modelFile));
                Files.copy(source.resolve("reference.json"), target.resolve("reference.json"));
                ObjectNode config = (ObjectNode) JSON.readTree(source.resolve("config.json").toFile());
                config.put("version", version);
                JSON.writeValue(target.resolve("config.json").toFile(), config);
                ObjectNode scaler = (ObjectNode) JSON.readTree(source.resolve("scaler.json").toFile());
                double shift = shifts.getOrDefault(model, 0.0);
                String offset = scaler.get("type").asText().equals("standard") ? "mean" : "data_min";
                scaler.put(offset, scaler.get(offset).asDouble() + shift);
                JSON.writeValue(target.resolve("scaler.json").toFile(), scaler);
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
