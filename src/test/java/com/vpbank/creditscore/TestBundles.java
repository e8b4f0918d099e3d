package com.vpbank.creditscore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Copies of the demo bundle ({@code models/}) changed the way a test needs. */
public final class TestBundles {

    public static final Path DEMO = Path.of("models");

    private TestBundles() {
    }

    /**
     * The demo bundle as a bundle made before reason codes: every model file as it is, each
     * {@code config.json} without {@code baseline} and {@code reason_codes}.
     */
    public static Path withoutReasonCodeFields(Path target) {
        ObjectMapper mapper = new ObjectMapper();
        try {
            for (String model : List.of("traditional", "social", "xgboost")) {
                Path from = DEMO.resolve(model);
                Path to = Files.createDirectories(target.resolve(model));
                try (Stream<Path> files = Files.list(from)) {
                    for (Path file : files.toList()) {
                        if (file.getFileName().toString().equals("config.json")) {
                            ObjectNode config = (ObjectNode) mapper.readTree(file.toFile());
                            config.remove(List.of("baseline", "reason_codes"));
                            mapper.writeValue(to.resolve("config.json").toFile(), config);
                        } else {
                            Files.copy(file, to.resolve(file.getFileName()));
                        }
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
