package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packaged service started while another process holds its API port, or its management
 * port: it exits non-zero, naming the port, and never says it listens there.
 */
class PortInUseIT {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"API", "management"})
    void aServiceThatCannotTakeItsPortExitsNonZeroNamingIt(String which, @TempDir Path work)
            throws IOException, InterruptedException {
        Path install = Files.createDirectories(work.resolve("install"));
        Files.copy(Path.of("target/credit-score.jar"), install.resolve("credit-score.jar"));
        Files.createSymbolicLink(install.resolve("lib"), Path.of("target/lib").toAbsolutePath());
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int free = RunningService.freePort();
            int port = which.equals("API") ? taken.getLocalPort() : free;
            int managementPort = which.equals("API") ? free : taken.getLocalPort();
            Map<String, String> env = new HashMap<>(Map.of(
                    "SERVER_HOST", "127.0.0.1",
                    "SERVER_PORT", Integer.toString(port),
                    "MANAGEMENT_HOST", "127.0.0.1",
                    "MANAGEMENT_PORT", Integer.toString(managementPort),
                    "ROUTES_DIR", Path.of("routes").toAbsolutePath().toString(),
                    "MODELS_DIR", Path.of("models").toAbsolutePath().toString(),
                    "AWS_DEFAULT_REGION", "us-east-1",
                    "AWS_ACCESS_KEY_ID", "local",
                    "AWS_SECRET_ACCESS_KEY", "local",
                    "DYNAMODB_ENDPOINT_URL", "http://127.0.0.1:" + RunningService.freePort()));
            Path log = work.resolve("service.log");
            Process process = PackagedService.startProcess(List.of(PackagedService.java(), "-jar", "credit-score.jar"),
                    env, install, log);
            boolean exited = process.waitFor(90, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly();
            }
            String output = Files.readString(log);

            assertTrue(exited, "the service still runs with its " + which + " port taken:\n" + output);
            assertNotEquals(0, process.exitValue(), output);
            assertTrue(output.contains("The " + which + " port 127.0.0.1:" + taken.getLocalPort() + " could not be taken"),
                    output);
            assertEquals(-1, output.indexOf("Listening:"), output);
        }
    }
}
