package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service in its embedded default (DynamoDB Local in the process, no AWS
 * settings) with a route that does not hold together: the process exits 1 with one ERROR
 * line naming the route file and the problem, instead of lingering with no port open.
 */
class FailedStartIT {

    @Test
    void theEmbeddedDefaultExitsOnAFailedStart(@TempDir Path work) throws Exception {
        Path routes = TestRoutes.edited(work.resolve("routes"), "predict.camel.yaml",
                Map.of("require(*, 'scorer')", "require(*, 'scoring')"));
        Path jar = Path.of("target", "credit-score.jar").toAbsolutePath();
        Path log = work.resolve("service.log");
        Process process = PackagedService.startProcess(List.of(PackagedService.java(), "-jar", jar.toString()), Map.of(
                "SERVER_HOST", "127.0.0.1",
                "SERVER_PORT", Integer.toString(RunningService.freePort()),
                "MANAGEMENT_HOST", "127.0.0.1",
                "MANAGEMENT_PORT", Integer.toString(RunningService.freePort()),
                "ROUTES_DIR", routes.toString(),
                "MODELS_DIR", Path.of("models").toAbsolutePath().toString(),
                "DYNAMODB_LOCAL_DATA_DIR", work.resolve("dynamodb").toString(),
                "SQLITE4JAVA_LIBRARY_PATH", Path.of("target", "native").toAbsolutePath().toString(),
                "MODEL_CACHE_DIR", work.resolve("model-cache").toString()), work, log);
        try {
            assertTrue(process.waitFor(90, TimeUnit.SECONDS), "the process exited; its log:\n" + Files.readString(log));
            assertEquals(1, process.exitValue(), Files.readString(log));
            String text = Files.readString(log);
            assertTrue(text.contains("ERROR [main] CreditScoreApplication - The service cannot start: The routes have 1 problem:\n  "
                    + routes.resolve("predict.camel.yaml") + ":14 (route predict): bean 'apiKeyAuthentication' method"
                    + " 'require': unknown role 'scoring' (roles: scorer, admin, outcomes)"), text);
        } finally {
            process.destroyForcibly();
        }
    }
}
