package com.vpbank.creditscore.scoring;

import com.vpbank.creditscore.route.ModelArgument;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vpbank.creditscore.route.RouteProperties;
import com.vpbank.creditscore.input.CustomerIds;
import com.vpbank.creditscore.input.InvalidRequestException;
import com.vpbank.creditscore.input.JsonObjects;
import com.vpbank.creditscore.model.ModelConfig;
import com.vpbank.creditscore.model.ModelRegistry;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.vpbank.creditscore.model.ModelBundle;
import com.vpbank.creditscore.model.ModelLease;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.support.SynchronizationAdapter;

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

    /**
     * Reads the request and pins the serving model generation for it: the request is
     * validated against and scored with the same models, even if a reload swaps them
     * meanwhile. The pin is released when the exchange completes.
     */
    public PredictRequest read(Exchange exchange) {
        JsonNode root = JsonObjects.read(mapper, exchange.getMessage().getBody(String.class));
        ModelLease lease = registry.acquire();
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                lease.close();
            }
        });
        return parse(root, lease.bundle());
    }

    /** Reads a request body against a model bundle. */
    public PredictRequest parse(JsonNode root, ModelBundle models) {
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
            groups.put(group.getKey(), vector(models, group.getKey(), group.getValue()));
        }
        return new PredictRequest(customerId, groups, models);
    }

    /**
     * Refuses a request that carries none of the given groups (comma-separated). Routes call it
     * as {@code requireAnyGroup(*, 'xgboost')}; the request is the exchange property.
     */
    public void requireAnyGroup(@ExchangeProperty(RouteProperties.PREDICT_REQUEST) PredictRequest request,
                                @ModelArgument String groups) {
        List<String> names = Arrays.stream(groups.split(",")).map(String::trim).toList();
        if (names.stream().noneMatch(request::has)) {
            throw new InvalidRequestException(
                    "Feature group " + String.join(" or ", names.stream().map(n -> "'" + n + "'").toList())
                            + " is required for this customer.");
        }
    }

    private float[] vector(ModelBundle models, String group, JsonNode node) {
        ModelConfig config = config(models, group);
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

    private static ModelConfig config(ModelBundle models, String group) {
        if (!models.has(group)) {
            throw new InvalidRequestException("Unknown feature group '" + group + "'.",
                    Map.of("known_groups", models.names()));
        }
        return models.model(group).config();
    }
}
