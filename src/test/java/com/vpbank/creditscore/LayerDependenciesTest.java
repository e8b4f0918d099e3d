package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The HTTP layer sits on top: {@code api} reads requests, answers them and gives each layer's
 * exceptions their status, and no other layer (store, security, observe, model, scoring,
 * monitor, input, ...) names anything of it. Only the classes of the root package, which bind
 * every layer's beans, may.
 *
 * <p>And no two packages of the service name each other, directly or through others: the
 * packages form layers, each naming only packages below it, with the root package (the one
 * that binds every bean) on top.
 */
class LayerDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java/com/vpbank/creditscore");
    private static final String API_PACKAGE = "com.vpbank.creditscore.api.";
    private static final String ROOT = "(root)";
    /** A name of the service's: a sub-package's (group 1) or a class of the root package's. */
    private static final Pattern SERVICE_NAME =
            Pattern.compile("\\bcom\\.vpbank\\.creditscore\\.(?:([a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)*)\\.)?[A-Z*]");

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

    @Test
    void noPackageNamesAPackageThatNamesItBack() throws IOException {
        Map<String, Set<String>> dependencies = packageDependencies();
        assertTrue(dependencies.keySet().containsAll(List.of(ROOT, "api", "observe", "scoring", "store", "model")),
                "the packages were found: " + dependencies.keySet());
        assertTrue(dependencies.get(ROOT).contains("api"), "the dependencies were read: " + dependencies);

        assertEquals(List.of(), cycles(dependencies), "packages that depend on each other: " + dependencies);
    }

    @Test
    void aLoopThroughSeveralPackagesIsFound() {
        Map<String, Set<String>> dependencies = Map.of(
                "api", Set.of("scoring"), "scoring", Set.of("observe", "model"), "observe", Set.of("api"),
                "model", Set.of());
        assertEquals(List.of(List.of("api", "scoring", "observe", "api")), cycles(dependencies));
        assertEquals(List.of(), cycles(Map.of("api", Set.of("scoring"), "scoring", Set.of())));
    }

    /**
     * Each package of src/main (the root package as {@value #ROOT}) with the packages of the
     * service that its sources name: in imports, static imports or fully qualified names.
     */
    private static Map<String, Set<String>> packageDependencies() throws IOException {
        Map<String, Set<String>> dependencies = new TreeMap<>();
        for (Path source : javaSources(SOURCES)) {
            Path folder = SOURCES.relativize(source).getParent();
            String own = folder == null ? ROOT : folder.toString().replace('/', '.');
            Set<String> named = dependencies.computeIfAbsent(own, name -> new TreeSet<>());
            Matcher reference = SERVICE_NAME.matcher(Files.readString(source));
            while (reference.find()) {
                String target = reference.group(1) == null ? ROOT : reference.group(1);
                if (!target.equals(own)) {
                    named.add(target);
                }
            }
        }
        return dependencies;
    }

    /** Every loop of the graph, once each, as the packages along it with the first one again at the end. */
    private static List<List<String>> cycles(Map<String, Set<String>> dependencies) {
        List<List<String>> cycles = new ArrayList<>();
        Set<Set<String>> found = new HashSet<>();
        for (String start : new TreeSet<>(dependencies.keySet())) {
            walk(start, dependencies, new ArrayList<>(List.of(start)), cycles, found);
        }
        return cycles;
    }

    private static void walk(String at, Map<String, Set<String>> dependencies, List<String> path,
                             List<List<String>> cycles, Set<Set<String>> found) {
        for (String next : new TreeSet<>(dependencies.getOrDefault(at, Set.of()))) {
            if (next.equals(path.get(0))) {
                if (found.add(new HashSet<>(path))) {
                    List<String> cycle = new ArrayList<>(path);
                    cycle.add(next);
                    cycles.add(cycle);
                }
            } else if (!path.contains(next) && next.compareTo(path.get(0)) > 0) {
                path.add(next);
                walk(next, dependencies, path, cycles, found);
                path.remove(path.size() - 1);
            }
        }
    }

    private static List<Path> javaSources(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(path -> path.toString().endsWith(".java")).toList();
        }
    }
}
