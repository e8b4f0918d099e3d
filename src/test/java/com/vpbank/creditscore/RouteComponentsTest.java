package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.catalog.CamelCatalog;
import org.apache.camel.catalog.DefaultCamelCatalog;
import org.apache.camel.tooling.model.ArtifactModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every component, data format and language that a route file uses must reach the class
 * path the packaged service runs on ({@code target/lib/}, Maven's runtime scope), not only
 * the test class path the other tests start the service on. Camel's catalog says which
 * artifact holds each; Maven writes the runtime class path to
 * {@code target/runtime-class-path.txt} before the tests run.
 */
class RouteComponentsTest {

    /** Keys whose text value is an endpoint URI in the YAML DSL. */
    private static final Set<String> ENDPOINT_KEYS = Set.of(
            "uri", "from", "to", "toD", "wireTap", "enrich", "pollEnrich", "recipientList", "routingSlip");
    /** Keys whose object value names a data format. */
    private static final Set<String> DATA_FORMAT_KEYS = Set.of("marshal", "unmarshal");
    /** YAML DSL keys that stand for a language under another name. */
    private static final Map<String, String> LANGUAGE_ALIASES = Map.of("method", "bean");

    private static final CamelCatalog CATALOG = new DefaultCamelCatalog();
    private static Set<String> runtimeJars;
    private static Uses uses;

    @BeforeAll
    static void read() throws IOException {
        Path classPath = Path.of("target", "runtime-class-path.txt");
        assertTrue(Files.isRegularFile(classPath), classPath + " is written by Maven before the tests run");
        runtimeJars = Arrays.stream(Files.readString(classPath).trim().split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).getFileName().toString())
                .collect(Collectors.toSet());
        uses = new Uses();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".camel.yaml")).sorted().toList()) {
                uses.collect(yaml.readTree(file.toFile()), file.getFileName().toString());
            }
        }
        Properties application = new Properties();
        try (InputStream in = RouteComponentsTest.class.getResourceAsStream("/application.properties")) {
            application.load(in);
        }
        // The REST DSL runs on the component camel.rest.component names.
        uses.components.put(application.getProperty("camel.rest.component").trim(), "application.properties");
    }

    @Test
    void everyEndpointSchemeIsARuntimeDependency() {
        assertOnTheRuntimeClassPath("component", uses.components, CATALOG::componentModel);
    }

    @Test
    void everyDataFormatIsARuntimeDependency() {
        assertOnTheRuntimeClassPath("data format", uses.dataFormats, CATALOG::dataFormatModel);
    }

    @Test
    void everyLanguageIsARuntimeDependency() {
        assertOnTheRuntimeClassPath("language", uses.languages, CATALOG::languageModel);
    }

    /** Each used name's artifact, as Camel's catalog names it, is a jar of the runtime class path. */
    private static void assertOnTheRuntimeClassPath(String kind, Map<String, String> used,
                                                    Function<String, ArtifactModel<?>> catalog) {
        assertFalse(used.isEmpty(), "the route files use some " + kind);
        List<String> missing = new ArrayList<>();
        used.forEach((name, where) -> {
            ArtifactModel<?> model = catalog.apply(name);
            String what = kind + " '" + name + "' (" + where + ")";
            assertNotNull(model, what + " is not in Camel's catalog");
            if (!runtimeJars.contains(model.getArtifactId() + "-" + model.getVersion() + ".jar")) {
                missing.add(what + " needs " + model.getGroupId() + ":" + model.getArtifactId()
                        + " in compile or runtime scope");
            }
        });
        assertTrue(missing.isEmpty(), "not on the runtime class path: " + missing);
    }

    /** What the route files use, each with the first file that uses it. */
    private static final class Uses {
        final Map<String, String> components = new TreeMap<>();
        final Map<String, String> dataFormats = new TreeMap<>();
        final Map<String, String> languages = new TreeMap<>();
        private final Set<String> languageNames = new TreeSet<>(CATALOG.findLanguageNames());

        void collect(JsonNode node, String file) {
            if (node.isArray()) {
                node.forEach(child -> collect(child, file));
                return;
            }
            if (!node.isObject()) {
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = field.getKey();
                JsonNode value = field.getValue();
                if (ENDPOINT_KEYS.contains(key) && value.isTextual() && value.asText().contains(":")) {
                    components.putIfAbsent(value.asText().substring(0, value.asText().indexOf(':')), file);
                }
                if (DATA_FORMAT_KEYS.contains(key) && value.isObject()) {
                    value.fields().forEachRemaining(format -> dataFormats.putIfAbsent(dataFormat(format), file));
                }
                String language = LANGUAGE_ALIASES.getOrDefault(key, key);
                if (languageNames.contains(language) && !ENDPOINT_KEYS.contains(key)) {
                    languages.putIfAbsent(language, file);
                }
                collect(value, file);
            }
        }

        /** {@code json} is the data format of its {@code library} (Jackson unless it says otherwise). */
        private static String dataFormat(Map.Entry<String, JsonNode> format) {
            if (!format.getKey().equals("json")) {
                return format.getKey();
            }
            String library = format.getValue().path("library").asText("Jackson");
            return library.equalsIgnoreCase("Jackson") ? "jackson" : library.toLowerCase();
        }
    }
}
