package com.vpbank.creditscore.deploy;

import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@code helm package} of the chart with Helm itself (helm-java), for machines without a
 * {@code helm} binary: {@code mvn package} runs it and writes
 * {@code target/credit-score-<chart version>.tgz}, the archive a chart repository serves.
 *
 * <pre>ChartPackage CHART_DIR DESTINATION_DIR</pre>
 */
public final class ChartPackage {

    private ChartPackage() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ChartPackage CHART_DIR DESTINATION_DIR");
        }
        Path chart = Path.of(args[0]);
        Path destination = Files.createDirectories(Path.of(args[1]));
        new Helm(chart).packageIt().withDestination(destination).call();
        try (Stream<Path> files = Files.list(destination)) {
            Path archive = files.filter(f -> f.getFileName().toString().endsWith(".tgz"))
                    .max(Comparator.comparing(ChartPackage::modified))
                    .orElseThrow(() -> new IllegalStateException("helm package wrote no archive in " + destination));
            System.out.println("helm package " + chart + ": " + archive + ", " + Files.size(archive) + " bytes");
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
