package com.vpbank.creditscore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** Copies of the route folder ({@code routes/}) with the edits an integration engineer would make. */
public final class TestRoutes {

    public static final Path SHIPPED = Path.of("routes");

    private TestRoutes() {
    }

    /**
     * The shipped routes copied into {@code target}, with {@code file} edited: each key of
     * {@code edits} replaced by its value. Fails when a key is not found, so that an edit
     * never silently misses.
     */
    public static Path edited(Path target, String file, Map<String, String> edits) {
        return edited(target, file, text -> {
            for (Map.Entry<String, String> edit : edits.entrySet()) {
                if (!text.contains(edit.getKey())) {
                    throw new IllegalArgumentException(file + " has no '" + edit.getKey() + "'");
                }
                text = text.replace(edit.getKey(), edit.getValue());
            }
            return text;
        });
    }

    /** The shipped routes copied into {@code target}, with {@code file}'s text changed by {@code edit}. */
    public static Path edited(Path target, String file, UnaryOperator<String> edit) {
        try {
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(SHIPPED)) {
                for (Path source : files.toList()) {
                    Files.copy(source, target.resolve(source.getFileName()));
                }
            }
            Path edited = target.resolve(file);
            String text = Files.readString(edited);
            String changed = edit.apply(text);
            if (changed.equals(text)) {
                throw new IllegalArgumentException("the edit left " + file + " as it was");
            }
            Files.writeString(edited, changed);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The settings that make the service load its routes from {@code folder}. */
    public static Map<String, String> from(Path folder) {
        return Map.of("camel.main.routes-include-pattern", "file:" + folder + "/*.camel.yaml");
    }
}
