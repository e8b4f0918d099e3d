package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --check-routes DIR}: the shipped routes pass; a folder with a mistake fails, each
 * problem named with its route file, whether the schema, the start-up check or a sample
 * request finds it.
 */
class RouteFolderCheckTest {

    private static final Path MODELS = Path.of("models");

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    private int check(Path routes) {
        return new RouteFolderCheck(routes, MODELS, new PrintStream(output, true, StandardCharsets.UTF_8)).check();
    }

    private String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theShippedRoutesPass() {
        assertEquals(0, check(Path.of("routes")), output());

        assertTrue(output().contains("ok POST /api/v1/predict (an existing customer) answered 200"), output());
        assertTrue(output().contains("ok POST /api/v1/predict (a new customer) answered 200"), output());
        assertTrue(output().contains("ok GET /api/v1/search answered 200"), output());
        assertTrue(output().contains("ok GET /health answered 200"), output());
        assertTrue(output().contains("ok POST /models/reload answered 200"), output());
        assertTrue(output().contains("no problem"), output());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("com.vpbank.creditscore.RouteMistakesTest#mistakes")
    void everyStartUpMistakeFailsTheCheckNamingItsFile(String mistake, String file, Map<String, String> edits,
                                                       String expected, @TempDir Path folder) {
        Path routes = TestRoutes.edited(folder, file, edits);

        assertEquals(1, check(routes), output());

        List<String> problems = output().lines().filter(line -> line.startsWith("PROBLEM ")).toList();
        assertEquals(1, problems.size(), mistake + ": " + output());
        assertTrue(problems.get(0).startsWith("PROBLEM " + routes.toAbsolutePath().resolve(file) + ":"), problems.get(0));
        assertTrue(problems.get(0).contains(expected), mistake + ": " + problems.get(0));
    }

    @Test
    void aStartUpMistakeIsNamedWithItsFileAndLine(@TempDir Path folder) {
        Path routes = TestRoutes.edited(folder, "predict.camel.yaml", Map.of("require(*, 'scorer')", "require(*, 'scoring')"));

        assertEquals(1, check(routes), output());

        assertTrue(output().contains("PROBLEM " + routes.toAbsolutePath().resolve("predict.camel.yaml")
                + ":14 (route predict): bean 'apiKeyAuthentication' method 'require': unknown role 'scoring'"), output());
        assertTrue(output().contains(": 1 problem"), output());
    }

    @Test
    void aValueTheSchemaRefusesIsNamedWithItsFileAndLine(@TempDir Path folder) {
        Path routes = TestRoutes.edited(folder, "models.camel.yaml", Map.of("constant: \"true\"", "constant: true"));

        assertEquals(1, check(routes), output());

        assertTrue(output().contains("PROBLEM " + routes.toAbsolutePath().resolve("models.camel.yaml")
                + ":14 at /0/routeConfiguration/onException/0/onException/handled/constant: does not fit Camel's"
                + " YAML DSL schema"), output());
    }

    @Test
    void aRouteThatFailsOnARequestIsNamedByTheSampleRequest(@TempDir Path folder) {
        Path routes = TestRoutes.edited(folder, "search.camel.yaml", Map.of("        - to: direct:json-response",
                "        - setBody:\n            simple: \"${body.noSuchMethod()}\"\n        - to: direct:json-response"));

        assertEquals(1, check(routes), output());

        List<String> problems = output().lines().filter(line -> line.startsWith("PROBLEM")).toList();
        String search = "PROBLEM " + routes.toAbsolutePath().resolve("search.camel.yaml") + ":3 (route search): ";
        assertTrue(problems.stream().anyMatch(line -> line.startsWith(search + "GET /api/v1/search answered 500"
                + " {\"error\":\"The service failed to process the request.\"} (MethodNotFoundException: Method with"
                + " name: noSuchMethod() not found")), problems.toString());
        assertTrue(problems.stream().allMatch(line -> line.startsWith(search)), problems.toString());
    }
}
