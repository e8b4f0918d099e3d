package com.vpbank.creditscore.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ChartPackage}: the archive {@code mvn package} writes, as {@code helm package} writes it. */
class ChartPackageTest {

    private static final Path CHART = Path.of("helm/credit-score");
    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void writesTheChartArchiveNamedByItsVersionHoldingTheChartAndEveryRouteFile(@TempDir Path dir) throws Exception {
        JsonNode chart = YAML.readTree(CHART.resolve("Chart.yaml").toFile());
        Path destination = dir.resolve("charts");

        ChartPackage.main(new String[] {CHART.toString(), destination.toString()});

        Path archive = destination.resolve("credit-score-" + chart.path("version").asText() + ".tgz");
        assertTrue(Files.isRegularFile(archive), "no " + archive);
        JsonNode packaged = YAML.readTree(Helm.show(archive.toString()).chart().call());
        assertEquals(chart.path("name").asText(), packaged.path("name").asText());
        assertEquals(chart.path("version").asText(), packaged.path("version").asText());
        assertEquals(chart.path("appVersion").asText(), packaged.path("appVersion").asText());

        // The route files travel in the archive: its routes ConfigMap holds every one of routes/.
        String manifest = Helm.template(archive.toString()).withName("credit-score").withKubeVersion("1.31.0").call();
        Set<String> routeFiles = new TreeSet<>();
        for (String document : manifest.split("(?m)^---\\s*$")) {
            JsonNode node = YAML.readTree(document);
            if (node != null && node.path("metadata").path("name").asText().endsWith("-routes")) {
                node.path("data").fieldNames().forEachRemaining(routeFiles::add);
            }
        }
        try (Stream<Path> routes = Files.list(Path.of("routes"))) {
            assertEquals(routes.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml"))
                    .collect(Collectors.toCollection(TreeSet::new)), routeFiles);
        }
    }

    @Test
    void refusesOtherArguments() {
        assertThrows(IllegalArgumentException.class, () -> ChartPackage.main(new String[] {CHART.toString()}));
    }

    @Test
    void failsOnADirectoryWithoutAChart(@TempDir Path dir) throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThrows(Exception.class, () -> ChartPackage.main(new String[] {empty.toString(), dir.resolve("out").toString()}));
    }
}
