package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What {@code mvn package} ships: the service's jar and its {@code lib/} hold no benchmark
 * code; the load harness's classes are in a jar of their own beside it.
 */
class ProductionJarIT {

    private static final Path TARGET = Path.of("target");

    @Test
    void theServiceJarHoldsNoBenchmarkClasses() throws IOException {
        assertEquals(List.of(), entries(TARGET.resolve("credit-score.jar")).stream()
                .filter(name -> name.endsWith(".class"))
                .filter(name -> name.startsWith("com/vpbank/creditscore/bench/") || name.contains("jmh"))
                .toList());
        try (Stream<Path> libraries = Files.list(TARGET.resolve("lib"))) {
            assertEquals(List.of(), libraries.map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith("jmh-")).toList());
        }
    }

    @Test
    void theLoadHarnessClassesAreInTheirOwnJar() throws IOException {
        List<String> harness = entries(TARGET.resolve("credit-score-bench.jar"));
        assertTrue(harness.contains("com/vpbank/creditscore/bench/DirectBaselineServer.class"), harness.toString());
        assertTrue(harness.contains("com/vpbank/creditscore/bench/SeededDynamoDb.class"), harness.toString());
        assertTrue(harness.stream().noneMatch(name -> name.endsWith("Benchmark.class") || name.endsWith("Test.class")),
                harness.toString());
    }

    private static List<String> entries(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(JarEntry::getName).toList();
        }
    }
}
