package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vpbank.creditscore.security.ApiKeys;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The artifact as it ships: {@code java -jar target/credit-score.jar} with nothing but its
 * own {@code lib/} (no DynamoDB Local, no test class path), against DynamoDB Local and an
 * S3-compatible server (S3Mock), each in a process of its own. It starts with no bundle
 * in S3 (live, not ready), becomes ready once one is uploaded, and then every route is
 * called once. Any ERROR line in the service's log fails it.
 *
 * <p>It fails when a component a route uses is missing from the runtime dependencies:
 * without {@code camel-file}, the bundle read from S3 cannot be written to the cache and
 * the service never becomes ready. Run alone: {@code mvn -B verify -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=PackagedArtifactIT}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackagedArtifactIT {

    private static final String BUCKET = "ml-data";
    private static final String PREFIX = "credit-score/models";
    private static final String KEY = "packaged-artifact-key";
    private static final Duration STARTUP = Duration.ofSeconds(120);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Process> PROCESSES = new ArrayList<>();

    @TempDir
    static Path work;

    private static Path serviceLog;
    private static Process service;
    private static int port;
    private static int managementPort;
    private static S3Client s3;

    @BeforeAll
    static void start() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        Path jar = target.resolve("credit-score.jar");
        assertTrue(Files.isRegularFile(jar), "run after `mvn package`: " + jar);

        // DynamoDB Local in its own JVM, from the libraries the developer build keeps apart.
        int dynamoPort = RunningService.freePort();
        start("dynamodb-local", List.of(java(), "-Djava.library.path=" + target.resolve("native"),
                "-cp", target.resolve("embedded") + File.separator + "*" + File.pathSeparator
                        + target.resolve("lib") + File.separator + "*",
                "com.amazonaws.services.dynamodbv2.local.main.ServerRunner",
                "-inMemory", "-port", Integer.toString(dynamoPort), "-disableTelemetry"), Map.of());

        // S3Mock in its own JVM, with an empty bucket.
        int s3Port = RunningService.freePort();
        start("s3", List.of(java(), "-cp", System.getProperty("java.class.path"),
                "com.adobe.testing.s3mock.S3MockApplication",
                "--com.adobe.testing.s3mock.httpPort=" + s3Port, "--server.port=" + RunningService.freePort(),
                "--com.adobe.testing.s3mock.store.initialBuckets=" + BUCKET,
                "--com.adobe.testing.s3mock.store.root=" + work.resolve("s3"),
                "--com.adobe.testing.s3mock.region=us-east-1",
                "--spring.jmx.enabled=false", "--spring.main.lazy-initialization=true"), Map.of());
        s3 = S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + s3Port))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
        await("S3Mock answers", () -> {
            try {
                s3.headBucket(request -> request.bucket(BUCKET));
                return true;
            } catch (RuntimeException notYet) {
                return false;
            }
        });

        // The service: the jar and its lib/ only, as the image holds them.
        Path install = Files.createDirectories(work.resolve("install"));
        Files.copy(jar, install.resolve("credit-score.jar"));
        Files.createSymbolicLink(install.resolve("lib"), target.resolve("lib"));
        port = RunningService.freePort();
        managementPort = RunningService.freePort();
        String hash = ApiKeys.sha256Hex(KEY);
        Map<String, String> env = Map.ofEntries(
                Map.entry("SERVER_HOST", "127.0.0.1"),
                Map.entry("SERVER_PORT", Integer.toString(port)),
                Map.entry("MANAGEMENT_HOST", "127.0.0.1"),
                Map.entry("MANAGEMENT_PORT", Integer.toString(managementPort)),
                Map.entry("ROUTES_DIR", Path.of("routes").toAbsolutePath().toString()),
                Map.entry("DYNAMODB_ENDPOINT_URL", "http://127.0.0.1:" + dynamoPort),
                Map.entry("DYNAMODB_CREATE_TABLES", "true"),
                Map.entry("AWS_DEFAULT_REGION", "us-east-1"),
                Map.entry("AWS_ACCESS_KEY_ID", "local"),
                Map.entry("AWS_SECRET_ACCESS_KEY", "local"),
                Map.entry("ML_DATA_BUCKET", BUCKET),
                Map.entry("MODEL_PREFIX", PREFIX),
                Map.entry("S3_ENDPOINT_URL", "http://127.0.0.1:" + s3Port),
                Map.entry("MODEL_CACHE_DIR", work.resolve("model-cache").toString()),
                Map.entry("MODEL_LOAD_RETRY_MS", "500"),
                Map.entry("API_KEYS", "scorer:" + hash + ",admin:" + hash));
        serviceLog = work.resolve("service.log");
        service = start("service", List.of(java(), "-jar", "credit-score.jar"), env, install, serviceLog);
        await("the service is live", () -> status(management("/observe/health/live")) == 200);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        for (Process process : PROCESSES) {
            process.destroy();
        }
        for (Process process : PROCESSES) {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    @Order(1)
    void withoutABundleItIsLiveButNotReady() {
        assertEquals(200, status(management("/observe/health/live")));
        assertEquals(503, status(management("/observe/health/ready")));
        assertEquals(503, status(api("/health")));
        HttpResponse<String> predict = predict("CUS-NEW-1", "\"xgboost\": [0.5, 0.8, 0.3, 1, 0, 1, 1, 0.6, 0.3, 0.2]");
        assertEquals(503, predict.statusCode(), predict.body());
        assertEquals("The model bundle is not loaded yet.", json(predict).get("error").asText());
    }

    @Test
    @Order(2)
    void aBundleUploadedToS3MakesItReady() throws IOException {
        upload(Map.of());
        await("readiness is UP", () -> status(management("/observe/health/ready")) == 200);

        HttpResponse<String> health = send(api("/health"));
        assertEquals(200, health.statusCode(), health.body());
        assertEquals("healthy", json(health).get("status").asText());
        assertEquals(3, json(health).get("models").size());
    }

    @Test
    @Order(3)
    void predictsForANewThenAnExistingCustomerAndFindsThem() {
        HttpResponse<String> created = predict("CUS-PACKAGED-1", "\"xgboost\": [0.5, 0.8, 0.3, 1, 0, 1, 1, 0.6, 0.3, 0.2]");
        assertEquals(200, created.statusCode(), created.body());
        assertEquals("new", json(created).get("customer_type").asText());
        assertEquals("new_customer_xgboost", json(created).get("prediction_type").asText());

        HttpResponse<String> existing = predict("CUS-PACKAGED-1", "\"traditional\": [0.5, 0.8, 0.3, 0.7, 0.9, 0.2, 1, 0], "
                + "\"social\": [0.6, 0.7, 0.5, 0.4, 0.3]");
        assertEquals(200, existing.statusCode(), existing.body());
        assertEquals("existing", json(existing).get("customer_type").asText());
        assertEquals(2, json(existing).get("num_models_used").asInt());

        HttpResponse<String> byGet = send(api("/api/v1/search?customer_id=CUS-PACKAGED-1").GET());
        assertEquals(200, byGet.statusCode(), byGet.body());
        assertTrue(json(byGet).get("found").asBoolean());
        assertEquals(json(existing).get("aggregated_score").asDouble(),
                json(byGet).get("latest_prediction").get("credit_score").asDouble());
        assertEquals(2, json(byGet).get("history").size());

        HttpResponse<String> byPost = send(api("/api/v1/search").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"customer_id\": \"CUS-PACKAGED-1\"}")));
        assertEquals(200, byPost.statusCode(), byPost.body());
        assertEquals(json(byGet).get("latest_prediction"), json(byPost).get("latest_prediction"));
    }

    @Test
    @Order(4)
    void reloadsFromS3AndRefusesABrokenBundle() throws IOException {
        HttpResponse<String> reload = reload();
        assertEquals(200, reload.statusCode(), reload.body());
        assertEquals("loaded", json(reload).get("status").asText());
        long generation = json(reload).get("model_generation").asLong();

        byte[] model = Files.readAllBytes(Path.of("models/traditional/model.onnx"));
        upload(Map.of("traditional/model.onnx", Arrays.copyOf(model, model.length / 3)));
        HttpResponse<String> refused = reload();
        assertEquals(422, refused.statusCode(), refused.body());
        assertTrue(json(refused).get("error").asText().contains("traditional/model.onnx"), refused.body());

        HttpResponse<String> health = send(api("/health"));
        assertEquals(200, health.statusCode(), health.body());
        assertEquals(generation, json(health).get("model_generation").asLong(), "the refused bundle was not swapped in");
        upload(Map.of());
    }

    @Test
    @Order(5)
    void itsLogHasNoErrorLine() throws IOException {
        List<String> errors = Files.readAllLines(serviceLog).stream().filter(line -> line.contains(" ERROR ")).toList();
        assertTrue(errors.isEmpty(), "ERROR lines in the service's log:\n" + String.join("\n", errors));
        assertFalse(Files.readString(serviceLog).isEmpty());
    }

    private static Process start(String name, List<String> command, Map<String, String> env) throws IOException {
        return start(name, command, env, Path.of(".").toAbsolutePath(), work.resolve(name + ".log"));
    }

    private static Process start(String name, List<String> command, Map<String, String> env, Path directory,
                                 Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        PROCESSES.add(process);
        return process;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void upload(Map<String, byte[]> replaced) throws IOException {
        Path root = Path.of("models");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = root.relativize(file).toString();
                if (!name.equals("golden.json")) {
                    byte[] content = replaced.getOrDefault(name, Files.readAllBytes(file));
                    s3.putObject(request -> request.bucket(BUCKET).key(PREFIX + "/" + name), RequestBody.fromBytes(content));
                }
            }
        }
    }

    private static HttpResponse<String> predict(String customerId, String features) {
        return send(api("/api/v1/predict").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"customer_id\": \"" + customerId + "\", \"features\": {" + features + "}}")));
    }

    private static HttpResponse<String> reload() {
        return send(api("/models/reload").POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static HttpRequest.Builder api(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + KEY);
    }

    private static HttpRequest.Builder management(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path));
    }

    private static int status(HttpRequest.Builder request) {
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

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + response.body(), e);
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            if (service != null && !service.isAlive()) {
                throw new AssertionError("the service exited with " + service.exitValue() + " before: " + what
                        + "\n" + tail(serviceLog));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("not within " + STARTUP + ": " + what + (serviceLog == null ? "" : "\n" + tail(serviceLog)));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
