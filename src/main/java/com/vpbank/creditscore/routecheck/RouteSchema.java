package com.vpbank.creditscore.routecheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Camel's own schema of the YAML DSL ({@code schema/camelYamlDsl.json} of camel-yaml-dsl, the
 * one editors such as Kaoto and VS Code validate against), applied to a route file. A
 * route file that fails it may still load, but an editor flags it and a later Camel may
 * refuse it.
 */
public final class RouteSchema {

    private static final String SCHEMA = "schema/camelYamlDsl.json";

    private final JsonSchema schema;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    public RouteSchema() {
        try (InputStream in = RouteSchema.class.getClassLoader().getResourceAsStream(SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA + " is not on the class path (camel-yaml-dsl)");
            }
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().build();
            // The schema marks deprecated options with a keyword draft-04 does not know.
            JsonMetaSchema draft4 = JsonMetaSchema.builder(JsonMetaSchema.getV4())
                    .keyword(new NonValidationKeyword("deprecated"))
                    .build();
            schema = JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4))
                    .metaSchema(draft4)
                    .build()
                    .getSchema(new ObjectMapper().readTree(in), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's problems against the schema, one per place in the file, deepest first. */
    public List<RouteProblem> problems(Path file) {
        JsonNode routes;
        try {
            routes = yaml.readTree(file.toFile());
        } catch (IOException e) {
            return List.of(new RouteProblem(file.toString(), "is not YAML: " + e.getMessage()));
        }
        if (routes == null) {
            return List.of(new RouteProblem(file.toString(), "is empty"));
        }
        Set<ValidationMessage> messages = schema.validate(routes);
        // A value that fits none of a oneOf's choices gives one message per choice: the deepest
        // place of the file is where the mistake is.
        Map<String, List<String>> byPlace = new LinkedHashMap<>();
        messages.stream()
                .sorted(Comparator.comparing((ValidationMessage message) -> message.getInstanceLocation().toString()))
                .forEach(message -> byPlace.computeIfAbsent(message.getInstanceLocation().toString(),
                        place -> new ArrayList<>()).add(message.getMessage()));
        List<RouteProblem> problems = new ArrayList<>();
        Node document = compose(file);
        byPlace.forEach((place, texts) -> {
            boolean deeper = byPlace.keySet().stream().anyMatch(other -> !other.equals(place)
                    && other.startsWith(place + "/"));
            if (!deeper) {
                problems.add(new RouteProblem(file + line(document, place) + " at " + place,
                        "does not fit Camel's YAML DSL schema: " + texts.get(0).substring(texts.get(0).indexOf(':') + 1).strip()
                                + " (check the value's type: some options take a quoted string, others a number or a boolean)"));
            }
        });
        return problems;
    }

    private static Node compose(Path file) {
        try {
            return new Compose(LoadSettings.builder().build()).composeString(Files.readString(file)).orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** ":line" of the node at a JSON pointer such as /0/route/from/steps/3, or nothing when it cannot be found. */
    private static String line(Node document, String pointer) {
        Node node = document;
        for (String part : pointer.split("/")) {
            if (part.isEmpty() || node == null) {
                continue;
            }
            if (node instanceof SequenceNode sequence && part.chars().allMatch(Character::isDigit)) {
                int index = Integer.parseInt(part);
                node = index < sequence.getValue().size() ? sequence.getValue().get(index) : null;
            } else if (node instanceof MappingNode mapping) {
                node = mapping.getValue().stream()
                        .filter(tuple -> tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(part))
                        .map(NodeTuple::getValueNode)
                        .findFirst().orElse(null);
            } else {
                node = null;
            }
        }
        return node == null || node.getStartMark().isEmpty() ? "" : ":" + (node.getStartMark().get().getLine() + 1);
    }
}
