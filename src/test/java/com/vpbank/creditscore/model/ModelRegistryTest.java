package com.vpbank.creditscore.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class ModelRegistryTest {

    private static final Path BUNDLE = Path.of("models");

    @Test
    void requestInFlightFinishesOnItsGenerationWhichClosesAfterIt() {
        try (ModelRegistry registry = new ModelRegistry(1, Clock.systemUTC())) {
            ModelGeneration first = registry.install(BUNDLE);
            ModelLease inFlight = registry.acquire();

            ModelGeneration second = registry.install(BUNDLE);

            assertFalse(first.isClosed(), "a request still holds the first generation");
            assertEquals(second, registry.current().orElseThrow());
            inFlight.bundle().model("xgboost").predict(new float[10]);
            inFlight.close();
            assertTrue(first.isClosed());
            assertFalse(second.isClosed());
        }
    }

    @Test
    void refusedBundleLeavesTheCurrentOneServing(@org.junit.jupiter.api.io.TempDir Path broken) throws IOException {
        Files.createDirectories(broken.resolve("traditional"));
        try (ModelRegistry registry = new ModelRegistry(1, Clock.systemUTC())) {
            ModelGeneration serving = registry.install(BUNDLE);

            assertThrows(ModelBundleException.class, () -> registry.install(broken));

            assertEquals(serving, registry.current().orElseThrow());
            assertFalse(serving.isClosed());
        }
    }

    @Test
    void nothingToAcquireBeforeTheFirstBundle() {
        try (ModelRegistry registry = new ModelRegistry(1, Clock.systemUTC())) {
            assertThrows(ModelsUnavailableException.class, registry::acquire);
        }
    }

    /**
     * 100 reloads in a row leave the resident memory within 10% of where it was after the
     * first: every replaced generation's native sessions are freed.
     */
    @Test
    void hundredReloadsDoNotGrowResidentMemory() throws IOException {
        try (ModelRegistry registry = new ModelRegistry(1, Clock.systemUTC())) {
            registry.install(BUNDLE);
            registry.install(BUNDLE);
            System.gc();
            long afterFirst = residentKiB();
            for (int i = 0; i < 100; i++) {
                try (ModelLease lease = registry.acquire()) {
                    lease.bundle().model("traditional").predict(new float[8]);
                }
                registry.install(BUNDLE);
            }
            System.gc();
            long afterHundred = residentKiB();

            System.out.printf("Resident memory: %d KiB after the first reload, %d KiB after 100 more (%+.1f%%)%n",
                    afterFirst, afterHundred, 100.0 * (afterHundred - afterFirst) / afterFirst);
            assertTrue(afterHundred <= afterFirst * 1.10,
                    "resident memory grew from " + afterFirst + " KiB to " + afterHundred + " KiB");
        }
    }

    private static long residentKiB() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst()
                .orElseThrow();
    }
}
