package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The HTTP layer sits on top: {@code api} reads requests, answers them and gives each layer's
 * exceptions their status, and no other layer (store, security, observe, model, scoring,
 * monitor, input, ...) names anything of it. Only the classes of the root package, which bind
 * every layer's beans, may.
 */
class LayerDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java/com/vpbank/creditscore");
    private static final String API_PACKAGE = "com.vpbank.creditscore.api.";

    @Test
    void noLayerBelowTheApiNamesTheApiPackage() throws IOException {
        Set<String> layers = new TreeSet<>();
        Set<String> offenders = new TreeSet<>();
        try (Stream<Path> packages = Files.list(SOURCES)) {
            for (Path layer : packages.filter(Files::isDirectory).toList()) {
                if (layer.getFileName().toString().equals("api")) {
                    continue;
                }
                layers.add(layer.getFileName().toString());
                for (Path source : javaSources(layer)) {
                    if (Files.readString(source).contains(API_PACKAGE)) {
                        offenders.add(SOURCES.relativize(source).toString());
                    }
                }
            }
        }
        assertTrue(layers.containsAll(List.of("store", "security", "observe", "model", "scoring", "monitor")),
                "the layers were found: " + layers);
        assertEquals(Set.of(), offenders, "sources outside api/ that name " + API_PACKAGE);
    }

    private static List<Path> javaSources(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(path -> path.toString().endsWith(".java")).toList();
        }
    }
}
