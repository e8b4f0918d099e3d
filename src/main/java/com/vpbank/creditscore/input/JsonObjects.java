package com.vpbank.creditscore.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads a request body that must be one JSON object. */
public final class JsonObjects {

    private JsonObjects() {
    }

    public static JsonNode read(ObjectMapper mapper, String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException("Request body is empty; a JSON object is required.");
        }
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("Request body is not valid JSON.");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRequestException("Request body must be a JSON object.");
        }
        return root;
    }
}
