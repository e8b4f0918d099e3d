package com.vpbank.creditscore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vpbank.creditscore.security.ApiKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The packaged artifact started as it ships, for the tests run after {@code mvn package}:
 * {@code java -jar credit-score.jar} in a folder of its own with nothing beside it but its
 * {@code lib/} (no DynamoDB Local, no test class path), on free loopback ports, with an
 * API key that holds both roles, and its log in a file.
 */
final class PackagedService implements AutoCloseable {

    static final String KEY = "packaged-artifact-key";
    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path log;
    private final int port;
    private final int managementPort;

    private PackagedService(Process process, Path log, int port, int managementPort) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.managementPort = managementPort;
    }

    /** Starts the jar in {@code work/install} with the settings (environment variables) given, and waits until it is live. */
    static PackagedService start(Path work, Map<String, String> settings) throws IOException {
        Path target = Path.of("target").toAbsolutePath();
        Path jar = target.resolve("credit-score.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("run after `mvn package`: " + jar);
        }
        Path install = Files.createDirectories(work.resolve("install"));
        Files.copy(jar, install.resolve("credit-score.jar"));
        Files.createSymbolicLink(install.resolve("lib"), target.resolve("lib"));
        int port = RunningService.freePort();
        int managementPort = RunningService.freePort();
        String hash = ApiKeys.sha256Hex(KEY);
        Map<String, String> env = new HashMap<>(Map.of(
                "SERVER_HOST", "127.0.0.1",
                "SERVER_PORT", Integer.toString(port),
                "MANAGEMENT_HOST", "127.0.0.1",
                "MANAGEMENT_PORT", Integer.toString(managementPort),
                "ROUTES_DIR", Path.of("routes").toAbsolutePath().toString(),
                "AWS_DEFAULT_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "local",
                "AWS_SECRET_ACCESS_KEY", "local",
                "API_KEYS", "scorer:" + hash + ",admin:" + hash));
        env.putAll(settings);
        Path log = work.resolve("service.log");
        Process process = startProcess(List.of(java(), "-jar", "credit-score.jar"), env, install, log);
        PackagedService service = new PackagedService(process, log, port, managementPort);
        service.await("the service is live", () -> service.status(service.management("/observe/health/live")) == 200);
        return service;
    }

    /** Starts a process with the environment given and its output in {@code log}. */
    static Process startProcess(List<String> command, Map<String, String> env, Path directory, Path log)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    Path log() {
        return log;
    }

    /** The process id, for what the operating system says of it (CPU time, memory). */
    long pid() {
        return process.pid();
    }

    HttpRequest.Builder api(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + KEY);
    }

    HttpRequest.Builder management(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path));
    }

    /** The status of an answer, or -1 when nothing answers. */
    int status(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException notListening) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> predict(String customerId, String features, String... headers) {
        HttpRequest.Builder request = api("/api/v1/predict").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ScoringServiceTest.predictBody(customerId, features)));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + response.body(), e);
        }
    }

    /** Waits for the condition, failing with the log's tail if the service exits or the time runs out. */
    void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the service exited with " + process.exitValue() + " before: " + what
                        + "\n" + tail());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("not within " + STARTUP + ": " + what + "\n" + tail());
    }

    /** Ends the process at once, as a kill -9 or a lost node would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
