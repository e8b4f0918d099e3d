package com.vpbank.creditscore.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/** Reads a JSON file of a bundle that must hold one object. */
final class BundleJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BundleJson() {
    }

    static JsonNode readObject(Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new ModelBundleException(file + ": not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new ModelBundleException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new ModelBundleException(file + ": must be a JSON object");
        }
        return root;
    }
}
