package com.vpbank.creditscore.routecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped route files fit Camel's YAML DSL schema; a file that does not is named with the place. */
class RouteSchemaTest {

    private static final RouteSchema SCHEMA = new RouteSchema();

    @Test
    void everyShippedRouteFileFitsTheSchema() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            List<Path> routeFiles = files.filter(file -> file.toString().endsWith(".camel.yaml")).sorted().toList();
            assertTrue(routeFiles.size() >= 8, "route files: " + routeFiles);
            for (Path file : routeFiles) {
                assertEquals(List.of(), SCHEMA.problems(file), file.toString());
            }
        }
    }

    @Test
    void anUnquotedNumberConstantIsNamedWithItsPlace(@TempDir Path folder) throws IOException {
        Path file = Files.writeString(folder.resolve("bad.camel.yaml"), """
                - route:
                    id: bad
                    from:
                      uri: direct:bad
                      steps:
                        - setBody:
                            constant: 1
                """);

        List<RouteProblem> problems = SCHEMA.problems(file);

        assertEquals(1, problems.size(), problems.toString());
        assertEquals(file + ":7 at /0/route/from/steps/0/setBody/constant", problems.get(0).where());
        assertTrue(problems.get(0).message().startsWith("does not fit Camel's YAML DSL schema"), problems.toString());
    }
}
