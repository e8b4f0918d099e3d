package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The bundle read from S3 through the aws2-s3 component, against S3Mock running in the
 * test JVM: loaded at start-up, swapped on reload, refused whole when broken.
 */
class ModelsFromS3Test {

    private static final String BUCKET = "ml-data";
    private static final String FIRST = "2025-11-08.1";

    @RegisterExtension
    static final S3MockExtension S3 = S3MockExtension.builder()
            .withSecureConnection(false)
            .withHttpPort(RunningService.freePort())
            .withInitialBuckets(BUCKET)
            // S3Mock's own application.properties is shadowed by the service's on the test classpath.
            .withProperty("com.adobe.testing.s3mock.region", "us-east-1")
            .withProperty("spring.jmx.enabled", "false")
            .withProperty("spring.main.lazy-initialization", "true")
            .silent()
            .build();

    @TempDir
    static Path cache;

    private static S3Client s3;
    private static RunningService service;

    @BeforeAll
    static void start() throws IOException {
        s3 = S3.createS3ClientV2();
        upload("models", FIRST, Map.of());
        service = RunningService.start(Map.of(
                "creditscore.models.bucket", BUCKET,
                "creditscore.models.prefix", "models",
                "creditscore.models.s3-endpoint", "http://127.0.0.1:" + S3.getHttpPort(),
                "creditscore.models.cache-dir", cache.toString()));
    }

    @AfterAll
    static void stop() {
        service.close();
        s3.close();
    }

    @Test
    void bundleFromS3ServesAndHealthListsItsVersions() throws IOException {
        upload("models", FIRST, Map.of());
        assertEquals(200, reload().statusCode());

        JsonNode health = service.json(service.get("/health"));

        assertEquals("healthy", health.get("status").asText());
        for (JsonNode model : health.get("models")) {
            assertEquals(FIRST, model.get("version").asText());
            assertTrue(model.get("loaded_at").asText().endsWith("Z"));
        }
        assertEquals(List.of(FIRST, FIRST), versionsOfAPrediction());
    }

    @Test
    void reloadSwapsInANewVersion() throws IOException {
        upload("models", "2026-01-15.2", Map.of());

        HttpResponse<String> reload = reload();

        assertEquals(200, reload.statusCode(), reload.body());
        assertEquals("loaded", service.json(reload).get("status").asText());
        assertEquals(List.of("2026-01-15.2", "2026-01-15.2"), versionsOfAPrediction());
        upload("models", FIRST, Map.of());
        assertEquals(200, reload().statusCode());
        assertEquals(List.of(FIRST, FIRST), versionsOfAPrediction());
    }

    @Test
    void truncatedModelIsRefusedAndTheCurrentBundleKeepsServing() throws IOException {
        assertRefused(Map.of("traditional/model.onnx", truncated("traditional/model.onnx")),
                "traditional/model.onnx: ONNX Runtime cannot open the model");
    }

    @Test
    void wrongInputSizeIsRefused() throws IOException {
        ObjectNode config = (ObjectNode) new ObjectMapper().readTree(Path.of("models/social/config.json").toFile());
        config.put("input_size", 6);
        config.remove(List.of("feature_names", "baseline", "reason_codes"));
        assertRefused(Map.of("social/config.json", config.toString().getBytes()),
                "social/model.onnx: the model takes 5 features but config.json says input_size 6");
    }

    @Test
    void reversedMinMaxScalerIsRefused() throws IOException {
        assertRefused(Map.of("traditional/scaler.json",
                        "{\"type\": \"minmax\", \"data_min\": 850.0, \"data_max\": 300.0}".getBytes()),
                "traditional/scaler.json: 'data_min' (850.0) must be less than 'data_max' (300.0)");
    }

    @Test
    void standardScalerWithoutAPositiveScaleIsRefused() throws IOException {
        assertRefused(Map.of("social/scaler.json",
                        "{\"type\": \"standard\", \"mean\": 575.3, \"scale\": -108.9}".getBytes()),
                "social/scaler.json: 'scale' (-108.9) must be greater than 0");
    }

    @Test
    void scalerWithANumberBeyondDoubleIsRefused() throws IOException {
        assertRefused(Map.of("xgboost/scaler.json",
                        "{\"type\": \"minmax\", \"data_min\": 300.0, \"data_max\": 1e400}".getBytes()),
                "xgboost/scaler.json: 'data_max' is required and must be a finite number");
    }

    @Test
    void scalerWithAnUnknownFieldIsRefused() throws IOException {
        assertRefused(Map.of("social/scaler.json",
                        "{\"type\": \"standard\", \"mean\": 575.3, \"scale\": 108.9, \"Scale\": 50}".getBytes()),
                "social/scaler.json: unknown field 'Scale' for a scaler of type 'standard' (mean, scale, type)");
    }

    @Test
    void scalerThatMapsScoresFarBeyondTheScaleIsRefused() throws IOException {
        assertRefused(Map.of("social/scaler.json",
                        "{\"type\": \"standard\", \"mean\": 575.3, \"scale\": 1e308}".getBytes()),
                "social/scaler.json: maps the model's score of a row of zeros");
    }

    @Test
    void scalerWhoseMeanLiesOffTheScaleIsRefused() throws IOException {
        assertRefused(Map.of("traditional/scaler.json",
                        "{\"type\": \"minmax\", \"data_min\": 5000, \"data_max\": 6000}".getBytes()),
                "traditional/scaler.json: maps the model's score of a row of zeros");
    }

    /**
     * A stand-in for an S3 server that hangs (the in-JVM S3 server cannot be stopped as a
     * process can with SIGSTOP): a socket that accepts connections and never answers.
     */
    @Test
    void reloadFromASocketStandInForAHungS3Answers503WithinTheS3CallTimeout() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            RunningService hung = RunningService.startNotWaiting(Map.of(
                    "creditscore.models.bucket", BUCKET,
                    "creditscore.models.prefix", "models",
                    "creditscore.models.s3-endpoint", "http://127.0.0.1:" + silent.getLocalPort(),
                    "creditscore.models.s3-call-timeout-ms", "2000",
                    "creditscore.models.cache-dir", cache.resolve("hung").toString()));
            try {
                long started = System.nanoTime();
                HttpResponse<String> reload = hung.send(HttpRequest.newBuilder(hung.uri("/models/reload"))
                        .POST(HttpRequest.BodyPublishers.noBody()));
                long millis = (System.nanoTime() - started) / 1_000_000;

                assertEquals(503, reload.statusCode(), reload.body());
                assertTrue(hung.json(reload).get("error").asText().startsWith("The model store (S3) is unavailable"),
                        reload.body());
                assertTrue(millis < 6000, "answered after " + millis + " ms");
                assertTrue(!held.isEmpty(), "the service reached the hung server");
            } finally {
                hung.close();
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void missingFileIsRefused() throws IOException {
        upload("models", "2026-02-01.1", Map.of());
        s3.deleteObject(request -> request.bucket(BUCKET).key("models/xgboost/scaler.json"));

        HttpResponse<String> reload = reload();

        assertEquals(422, reload.statusCode(), reload.body());
        assertTrue(service.json(reload).get("error").asText().contains("xgboost/scaler.json: missing"), reload.body());
        assertEquals(List.of(FIRST, FIRST), versionsOfAPrediction());
        upload("models", FIRST, Map.of());
    }

    @Test
    void predictionsDuringReloadsAllSucceed() throws Exception {
        AtomicBoolean reloading = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(6);
        List<Future<List<Integer>>> workers = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                workers.add(clients.submit(() -> {
                    List<Integer> statuses = new ArrayList<>();
                    while (reloading.get() || statuses.size() < 5) {
                        statuses.add(service.post("/api/v1/predict", ScoringServiceTest.predictBody(
                                service.existingCustomer(), DemoFeatures.EXISTING)).statusCode());
                    }
                    return statuses;
                }));
            }
            for (int i = 0; i < 6; i++) {
                upload("models", i % 2 == 0 ? "2026-03-01." + i : FIRST, Map.of());
                assertEquals(200, reload().statusCode());
            }
        } finally {
            reloading.set(false);
            clients.shutdown();
        }
        int total = 0;
        for (Future<List<Integer>> worker : workers) {
            List<Integer> statuses = worker.get();
            total += statuses.size();
            assertTrue(statuses.stream().allMatch(status -> status == 200), statuses.toString());
        }
        assertTrue(total >= 30, "predictions during reloads: " + total);
        upload("models", FIRST, Map.of());
        reload();
    }

    @Test
    void withNoBundleTheServiceIsLiveButNotReady(@TempDir Path emptyCache) {
        try (RunningService empty = RunningService.startNotWaiting(Map.of(
                "creditscore.models.bucket", BUCKET,
                "creditscore.models.prefix", "no-bundle-here",
                "creditscore.models.s3-endpoint", "http://127.0.0.1:" + S3.getHttpPort(),
                "creditscore.models.cache-dir", emptyCache.toString()))) {
            HttpResponse<String> predict = empty.post("/api/v1/predict", ScoringServiceTest.predictBody("CUS1",
                    DemoFeatures.NEW));

            assertEquals(503, predict.statusCode(), predict.body());
            assertEquals("The model bundle is not loaded yet.", empty.json(predict).get("error").asText());
            HttpResponse<String> health = empty.get("/health");
            assertEquals(503, health.statusCode(), health.body());
            assertEquals("unhealthy", empty.json(health).get("status").asText());
            assertEquals("[\"The model bundle is not loaded yet.\"]", empty.json(health).get("problems").toString(),
                    "/health gives the reason of the readiness check that is DOWN");
            assertEquals(503, status(empty, "/observe/health/ready"));
            assertEquals(200, status(empty, "/observe/health/live"));
        }
    }

    @Test
    void withPollingAChangedBundleInS3IsLoadedWithoutAReloadCall(@TempDir Path pollCache) throws Exception {
        upload("polled", FIRST, Map.of());
        try (RunningService polling = RunningService.start(Map.of(
                "creditscore.models.bucket", BUCKET,
                "creditscore.models.prefix", "polled",
                "creditscore.models.s3-endpoint", "http://127.0.0.1:" + S3.getHttpPort(),
                "creditscore.models.cache-dir", pollCache.toString(),
                "creditscore.models.poll-interval-seconds", "1"))) {
            long first = polling.json(polling.get("/health")).get("model_generation").asLong();
            Thread.sleep(2500);
            assertEquals(first, polling.json(polling.get("/health")).get("model_generation").asLong(),
                    "an unchanged bundle is not loaded again");

            upload("polled", "2026-04-01.1", Map.of());

            // The upload is one object after another: a poll may see it half done and load
            // that, then the rest on its next turn. In the end every model has the new version.
            long deadline = System.nanoTime() + 30_000_000_000L;
            JsonNode health = polling.json(polling.get("/health"));
            while (!allVersions(health, "2026-04-01.1") && System.nanoTime() < deadline) {
                Thread.sleep(200);
                health = polling.json(polling.get("/health"));
            }
            assertTrue(allVersions(health, "2026-04-01.1"), health.toString());
            assertTrue(health.get("model_generation").asLong() > first);
        }
    }

    @Test
    void aBucketThatDoesNotExistIsTheModelStoreUnavailableAndLeavesNoFolder(@TempDir Path failedCache) throws IOException {
        assertModelStoreUnavailable("http://127.0.0.1:" + S3.getHttpPort(), "no-such-bucket", failedCache);
    }

    @Test
    void anS3EndpointThatRefusesIsTheModelStoreUnavailableAndLeavesNoFolder(@TempDir Path failedCache) throws IOException {
        // Port 1: nothing listens there, so every connection is refused (a free port picked now could
        // be taken by the service itself a moment later).
        assertModelStoreUnavailable("http://127.0.0.1:1", BUCKET, failedCache);
    }

    /**
     * A service whose bundle cannot be read from S3: its start-up load and a reload fail as the
     * model store, in the answer and in the log, and leave the cache folder empty.
     */
    private static void assertModelStoreUnavailable(String endpoint, String bucket, Path failedCache) throws IOException {
        HttpResponse<String> reload;
        List<LogCapture.Line> lines;
        try (LogCapture capture = new LogCapture();
             RunningService failing = RunningService.startNotWaiting(Map.of(
                     "creditscore.models.bucket", bucket,
                     "creditscore.models.prefix", "models",
                     "creditscore.models.s3-endpoint", endpoint,
                     "creditscore.models.cache-dir", failedCache.toString()))) {
            reload = failing.send(HttpRequest.newBuilder(failing.uri("/models/reload"))
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertEquals(503, status(failing, "/observe/health/ready"));
            lines = capture.lines();
        }

        assertEquals(503, reload.statusCode(), reload.body());
        JsonNode error = new ObjectMapper().readTree(reload.body());
        assertEquals("The model store (S3) is unavailable; no model was changed. Try again later.",
                error.get("error").asText());
        assertEquals("no", error.at("/details/stored").asText());
        List<String> warnings = lines.stream().filter(line -> line.level().isMoreSpecificThan(Level.WARN))
                .map(LogCapture.Line::text).toList();
        assertTrue(warnings.stream().anyMatch(line -> line.startsWith("Model bundle not read: The model store (S3) is unavailable")),
                warnings.toString());
        assertTrue(warnings.stream().noneMatch(line -> line.contains("DynamoDB") || line.contains("database")),
                warnings.toString());
        List<String> requestLines = lines.stream().filter(LogCapture.Line::isRequestLine).map(LogCapture.Line::text).toList();
        assertEquals(1, requestLines.size(), "the reload's line only, none for the start-up load: " + requestLines);
        try (Stream<Path> left = Files.list(failedCache)) {
            assertEquals(List.of(), left.toList(), "folders left in the cache");
        }
    }

    @Test
    void aChallengerInTheSameBucketLoadsReloadsAndKeepsItsOwnCacheFolder(@TempDir Path cacheOfBoth)
            throws Exception {
        upload("models", FIRST, Map.of());
        upload("challenger", "2026-05-01.1", Map.of());
        try (RunningService shadowed = RunningService.start(Map.of(
                "creditscore.models.bucket", BUCKET,
                "creditscore.models.prefix", "models",
                "creditscore.challenger.prefix", "challenger",
                "creditscore.models.s3-endpoint", "http://127.0.0.1:" + S3.getHttpPort(),
                "creditscore.models.cache-dir", cacheOfBoth.toString()))) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            JsonNode health = shadowed.json(shadowed.get("/health"));
            while (!health.path("challenger").has("model_generation") && System.nanoTime() < deadline) {
                Thread.sleep(100);
                health = shadowed.json(shadowed.get("/health"));
            }
            assertTrue(allVersions(health.get("challenger"), "2026-05-01.1"), health.toString());

            upload("challenger", "2026-05-02.1", Map.of());
            HttpResponse<String> reload = shadowed.send(HttpRequest.newBuilder(
                    shadowed.uri("/models/reload?bundle=challenger")).POST(HttpRequest.BodyPublishers.noBody()));
            assertEquals(200, reload.statusCode(), reload.body());
            assertEquals("challenger", shadowed.json(reload).get("bundle").asText());
            health = shadowed.json(shadowed.get("/health"));
            assertTrue(allVersions(health.get("challenger"), "2026-05-02.1"), health.toString());
            assertTrue(allVersions(health, FIRST), "the champion is left as it was: " + health);

            upload("challenger", "2026-05-03.1", Map.of("social/model.onnx", truncated("social/model.onnx")));
            HttpResponse<String> refused = shadowed.send(HttpRequest.newBuilder(
                    shadowed.uri("/models/reload?bundle=challenger")).POST(HttpRequest.BodyPublishers.noBody()));
            assertEquals(422, refused.statusCode(), refused.body());
            assertTrue(allVersions(shadowed.json(shadowed.get("/health")).get("challenger"), "2026-05-02.1"));

            // Reloading the champion clears the champion's older downloads only.
            assertEquals(200, shadowed.send(HttpRequest.newBuilder(shadowed.uri("/models/reload"))
                    .POST(HttpRequest.BodyPublishers.noBody())).statusCode());
            try (Stream<Path> folders = Files.list(cacheOfBoth)) {
                List<String> names = folders.map(folder -> folder.getFileName().toString().replaceAll("-.*", ""))
                        .sorted().toList();
                assertEquals(List.of("challenger", "champion"), names);
            }
            HttpResponse<String> predict = shadowed.post("/api/v1/predict", ScoringServiceTest.predictBody(
                    shadowed.existingCustomer(), DemoFeatures.EXISTING));
            assertEquals(200, predict.statusCode(), predict.body());
            ChampionChallengerTest.awaitShadowRecords(shadowed, 1);
            assertEquals("2026-05-02.1", shadowed.shadowRecords().get(0).get("challenger_versions").m()
                    .get("traditional").s());
        }
    }

    private static boolean allVersions(JsonNode health, String version) {
        for (JsonNode model : health.path("models")) {
            if (!model.get("version").asText().equals(version)) {
                return false;
            }
        }
        return health.path("models").size() == 3;
    }

    private static void assertRefused(Map<String, byte[]> broken, String reason) throws IOException {
        upload("models", "2026-02-01.1", broken);

        HttpResponse<String> reload = reload();

        assertEquals(422, reload.statusCode(), reload.body());
        String error = service.json(reload).get("error").asText();
        assertTrue(error.startsWith("Model bundle refused: ") && error.contains(reason), error);
        assertEquals(List.of(FIRST, FIRST), versionsOfAPrediction());
        upload("models", FIRST, Map.of());
    }

    private static HttpResponse<String> reload() {
        return service.send(HttpRequest.newBuilder(service.uri("/models/reload")).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static int status(RunningService target, String managementPath) {
        return target.send(HttpRequest.newBuilder(target.managementUri(managementPath)).GET()).statusCode();
    }

    private static List<String> versionsOfAPrediction() {
        HttpResponse<String> response = service.post("/api/v1/predict", ScoringServiceTest.predictBody(
                service.existingCustomer(), DemoFeatures.EXISTING));
        assertEquals(200, response.statusCode(), response.body());
        List<String> versions = new ArrayList<>();
        service.json(response).get("models").forEach(model -> versions.add(model.get("version").asText()));
        return versions;
    }

    /** Uploads the demo bundle under the prefix with every config's version set, and some files replaced. */
    private static void upload(String prefix, String version, Map<String, byte[]> replaced) throws IOException {
        Path root = Path.of("models");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = root.relativize(file).toString();
                if (name.equals("golden.json")) {
                    continue;
                }
                byte[] content = Files.readAllBytes(file);
                if (name.endsWith("config.json")) {
                    content = new String(content).replace("\"version\": \"" + FIRST + "\"",
                            "\"version\": \"" + version + "\"").getBytes();
                }
                content = replaced.getOrDefault(name, content);
                s3.putObject(request -> request.bucket(BUCKET).key(prefix + "/" + name), RequestBody.fromBytes(content));
            }
        }
    }

    private static byte[] truncated(String name) throws IOException {
        byte[] content = Files.readAllBytes(Path.of("models", name));
        return Arrays.copyOf(content, content.length / 3);
    }
}
