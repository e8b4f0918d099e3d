package com.vpbank.creditscore.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vpbank.creditscore.input.JsonObjects;

/**
 * Reads a request body that must be one JSON object, by {@link JsonObjects}' rule. The direct
 * baseline server in bench/ reads its predict bodies with it.
 */
public final class JsonBodies {

    private JsonBodies() {
    }

    public static JsonNode readObject(ObjectMapper mapper, String body) {
        return JsonObjects.read(mapper, body);
    }
}
