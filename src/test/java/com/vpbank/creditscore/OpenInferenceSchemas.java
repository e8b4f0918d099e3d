package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * The Open Inference Protocol's OpenAPI document (test resources, with its source and
 * licence), and an answer held against the schema it gives the answer's path, method and
 * status; an error status the document does not list is held against the path's error schema.
 */
final class OpenInferenceSchemas {

    private static final String DOCUMENT = "open-inference-protocol/open_inference_rest.yaml";

    private final JsonNode document;
    private final JsonSchemaFactory factory;
    private final ObjectMapper json = new ObjectMapper();

    OpenInferenceSchemas() {
        try (InputStream in = OpenInferenceSchemas.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            document = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // OpenAPI 3.0 schemas are a superset of draft-04's; the document's own keywords validate nothing.
        JsonMetaSchema draft4 = JsonMetaSchema.builder(JsonMetaSchema.getV4())
                .keyword(new NonValidationKeyword("x-examples"))
                .keyword(new NonValidationKeyword("example"))
                .keyword(new NonValidationKeyword("components"))
                .build();
        factory = JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4))
                .metaSchema(draft4).build();
    }

    /**
     * The document's path of a service path: {@code /v2} is {@code /v2/}; a model path with
     * or without its version is the document's versioned one.
     */
    static String documentPath(String path) {
        String bare = path.split("\\?", 2)[0];
        if (bare.equals("/v2")) {
            return "/v2/";
        }
        if (!bare.startsWith("/v2/models/")) {
            return bare;
        }
        String[] parts = bare.substring("/v2/models/".length()).split("/");
        boolean versioned = parts.length >= 3 && parts[1].equals("versions");
        String rest = versioned ? (parts.length > 3 ? parts[3] : "") : (parts.length > 1 ? parts[1] : "");
        return "/v2/models/${MODEL_NAME}/versions/${MODEL_VERSION}" + (rest.isEmpty() ? "" : "/" + rest);
    }

    /** The schema of the answer: its status's in the document, else the path's error schema. */
    JsonNode schemaOf(String path, String method, int status) {
        String documented = documentPath(path);
        JsonNode operation = document.path("paths").path(documented).path(method.toLowerCase());
        assertTrue(operation.isObject(), method + " " + documented + " is in the protocol's document");
        JsonNode response = operation.path("responses").path(Integer.toString(status));
        JsonNode schema = response.path("content").path("application/json").path("schema");
        if (!schema.isMissingNode()) {
            return schema;
        }
        if (status >= 400) {
            String error = documented.endsWith("/infer") ? "inference_error_response"
                    : documented.equals("/v2/") ? "metadata_server_error_response" : "metadata_model_error_response";
            return json.createObjectNode().put("$ref", "#/components/schemas/" + error);
        }
        return null;
    }

    /**
     * Fails unless the answer is valid against the schema the document gives it; answers
     * whether there was one (the document gives the health endpoints' 200 no body schema).
     */
    boolean assertValid(String path, String method, int status, JsonNode answer) {
        JsonNode schema = schemaOf(path, method, status);
        if (schema == null) {
            return false;
        }
        Set<ValidationMessage> problems = validator(schema.get("$ref").asText()).validate(answer);
        assertEquals(Set.of(), problems, method + " " + path + " " + status + ": " + answer);
        return true;
    }

    /** Fails unless the request is valid against the document's inference request schema. */
    void assertValidRequest(JsonNode request) {
        assertEquals(Set.of(), validator("#/components/schemas/inference_request").validate(request));
    }

    /**
     * The document's component schema {@code ref} as the root of a schema that carries the
     * document's components, so that the references within it resolve.
     */
    private JsonSchema validator(String ref) {
        JsonNode component = document.at(ref.substring(1));
        assertTrue(component.isObject(), ref + " is in the protocol's document");
        ObjectNode root = component.deepCopy();
        root.set("components", document.get("components"));
        return factory.getSchema(root, SchemaValidatorsConfig.builder().build());
    }
}
