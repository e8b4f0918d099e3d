package com.vpbank.creditscore.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vpbank.creditscore.api.CustomerIds;
import com.vpbank.creditscore.api.InvalidRequestException;
import com.vpbank.creditscore.api.JsonBodies;
import com.vpbank.creditscore.model.ModelConfig;
import com.vpbank.creditscore.model.ModelRegistry;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Body;

/**
 * Reads and validates a predict request body against the serving models' configs: the
 * customer id, and each feature group as an array of {@code input_size} finite numbers or
 * an object naming every feature of the model once. Anything else is refused with
 * {@link InvalidRequestException} before any lookup.
 */
public final class PredictRequestReader {

    private final ObjectMapper mapper;
    private final ModelRegistry registry;

    public PredictRequestReader(ObjectMapper mapper, ModelRegistry registry) {
        this.mapper = mapper;
        this.registry = registry;
    }

    public PredictRequest read(@Body String body) {
        JsonNode root = JsonBodies.readObject(mapper, body);
        String customerId = CustomerIds.read(root.get("customer_id"));
        JsonNode features = root.get("features");
        if (features == null || features.isNull()) {
            throw new InvalidRequestException("Field 'features' is required.");
        }
        if (!features.isObject()) {
            throw new InvalidRequestException("Field 'features' must be an object of feature groups.");
        }
        Map<String, float[]> groups = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = features.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> group = fields.next();
            groups.put(group.getKey(), vector(group.getKey(), group.getValue()));
        }
        return new PredictRequest(customerId, groups);
    }

    /** Refuses a request that carries none of the given groups (comma-separated). */
    public void requireAnyGroup(PredictRequest request, String groups) {
        List<String> names = Arrays.stream(groups.split(",")).map(String::trim).toList();
        if (names.stream().noneMatch(request::has)) {
            throw new InvalidRequestException(
                    "Feature group " + String.join(" or ", names.stream().map(n -> "'" + n + "'").toList())
                            + " is required for this customer.");
        }
    }

    private float[] vector(String group, JsonNode node) {
        ModelConfig config = config(group);
        if (node.isArray()) {
            if (node.size() != config.inputSize()) {
                throw new InvalidRequestException(
                        "Feature group '" + group + "' must have " + config.inputSize() + " values, got "
                                + node.size() + ".",
                        Map.of("model", group, "expected", config.inputSize(), "received", node.size()));
            }
            float[] values = new float[node.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = number(group, "[" + i + "]", node.get(i));
            }
            return values;
        }
        if (node.isObject()) {
            return namedVector(group, node, config);
        }
        throw new InvalidRequestException(
                "Feature group '" + group + "' must be an array of numbers or an object keyed by feature name.");
    }

    private float[] namedVector(String group, JsonNode node, ModelConfig config) {
        List<String> names = config.featureNames();
        if (names.isEmpty()) {
            throw new InvalidRequestException(
                    "Feature group '" + group + "' must be an array: the model does not name its features.");
        }
        Set<String> unknown = new HashSet<>();
        node.fieldNames().forEachRemaining(name -> {
            if (!names.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException("Feature group '" + group + "' has unknown features.",
                    Map.of("model", group, "unknown", unknown.stream().sorted().toList()));
        }
        List<String> missing = names.stream().filter(name -> !node.has(name)).toList();
        if (!missing.isEmpty()) {
            throw new InvalidRequestException("Feature group '" + group + "' is missing features.",
                    Map.of("model", group, "missing", missing));
        }
        float[] values = new float[names.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = number(group, "." + names.get(i), node.get(names.get(i)));
        }
        return values;
    }

    private static float number(String group, String position, JsonNode value) {
        if (value == null || !value.isNumber()) {
            throw new InvalidRequestException(
                    "Feature " + group + position + " must be a finite number.");
        }
        float f = value.floatValue();
        if (!Float.isFinite(f)) {
            throw new InvalidRequestException(
                    "Feature " + group + position + " must be a finite number within float range.");
        }
        return f;
    }

    private ModelConfig config(String group) {
        if (!registry.current().has(group)) {
            throw new InvalidRequestException("Unknown feature group '" + group + "'.",
                    Map.of("known_groups", registry.current().names()));
        }
        return registry.current().model(group).config();
    }
}
