package com.vpbank.creditscore;

import static com.vpbank.creditscore.PackagedService.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * called once, a challenger bundle shadowing the predictions, and a decision replayed from
 * the model archive the service keeps in S3. Any ERROR line in the
 * service's log fails it.
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
    private static final String CHALLENGER_PREFIX = "credit-score/challenger";
    private static final List<Process> COMPANIONS = new ArrayList<>();

    @TempDir
    static Path work;

    private static PackagedService service;
    private static S3Client s3;

    @BeforeAll
    static void start() throws Exception {
        Path target = Path.of("target").toAbsolutePath();

        // DynamoDB Local in its own JVM, from the libraries the developer build keeps apart.
        int dynamoPort = RunningService.freePort();
        COMPANIONS.add(PackagedService.startProcess(List.of(PackagedService.java(),
                "-Djava.library.path=" + target.resolve("native"),
                "-cp", target.resolve("embedded") + File.separator + "*" + File.pathSeparator
                        + target.resolve("lib") + File.separator + "*",
                "com.amazonaws.services.dynamodbv2.local.main.ServerRunner",
                "-inMemory", "-port", Integer.toString(dynamoPort), "-disableTelemetry"),
                Map.of(), target, work.resolve("dynamodb-local.log")));

        // S3Mock in its own JVM, with an empty bucket.
        int s3Port = RunningService.freePort();
        COMPANIONS.add(PackagedService.startProcess(List.of(PackagedService.java(),
                "-cp", System.getProperty("java.class.path"),
                "com.adobe.testing.s3mock.S3MockApplication",
                "--com.adobe.testing.s3mock.httpPort=" + s3Port, "--server.port=" + RunningService.freePort(),
                "--com.adobe.testing.s3mock.store.initialBuckets=" + BUCKET,
                "--com.adobe.testing.s3mock.store.root=" + work.resolve("s3"),
                "--com.adobe.testing.s3mock.region=us-east-1",
                "--spring.jmx.enabled=false", "--spring.main.lazy-initialization=true"),
                Map.of(), target, work.resolve("s3.log")));
        s3 = S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + s3Port))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();

        service = PackagedService.start(work, Map.of(
                "DYNAMODB_ENDPOINT_URL", "http://127.0.0.1:" + dynamoPort,
                "DYNAMODB_CREATE_TABLES", "true",
                "ML_DATA_BUCKET", BUCKET,
                "MODEL_PREFIX", PREFIX,
                "CHALLENGER_PREFIX", CHALLENGER_PREFIX,
                "S3_ENDPOINT_URL", "http://127.0.0.1:" + s3Port,
                "MODEL_CACHE_DIR", work.resolve("model-cache").toString(),
                "MODEL_LOAD_RETRY_MS", "500"));
        service.await("S3Mock answers", () -> {
            try {
                s3.headBucket(request -> request.bucket(BUCKET));
                return true;
            } catch (RuntimeException notYet) {
                return false;
            }
        });
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (service != null) {
            service.close();
        }
        for (Process process : COMPANIONS) {
            process.destroy();
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
        assertEquals(200, service.status(service.management("/observe/health/live")));
        assertEquals(503, service.status(service.management("/observe/health/ready")));
        assertEquals(503, service.status(service.api("/health")));
        HttpResponse<String> predict = predict("CUS-NEW-1", DemoFeatures.NEW);
        assertEquals(503, predict.statusCode(), predict.body());
        assertEquals("The model bundle is not loaded yet.", json(predict).get("error").asText());
    }

    @Test
    @Order(2)
    void aBundleUploadedToS3MakesItReady() throws IOException {
        upload(Map.of());
        service.await("readiness is UP", () -> service.status(service.management("/observe/health/ready")) == 200);

        HttpResponse<String> health = service.send(service.api("/health"));
        assertEquals(200, health.statusCode(), health.body());
        assertEquals("healthy", json(health).get("status").asText());
        assertEquals(3, json(health).get("models").size());

        upload(CHALLENGER_PREFIX, Map.of());
        service.await("the challenger is loaded",
                () -> json(service.send(service.api("/health"))).path("challenger").has("model_generation"));
    }

    @Test
    @Order(3)
    void predictsForANewThenAnExistingCustomerAndFindsThem() {
        HttpResponse<String> created = predict("CUS-PACKAGED-1", DemoFeatures.NEW);
        assertEquals(200, created.statusCode(), created.body());
        assertEquals("new", json(created).get("customer_type").asText());
        assertEquals("new_customer_xgboost", json(created).get("prediction_type").asText());

        HttpResponse<String> existing = predict("CUS-PACKAGED-1", DemoFeatures.EXISTING);
        assertEquals(200, existing.statusCode(), existing.body());
        assertEquals("existing", json(existing).get("customer_type").asText());
        assertEquals(2, json(existing).get("num_models_used").asInt());

        HttpResponse<String> byGet = service.send(service.api("/api/v1/search?customer_id=CUS-PACKAGED-1").GET());
        assertEquals(200, byGet.statusCode(), byGet.body());
        assertTrue(json(byGet).get("found").asBoolean());
        assertEquals(json(existing).get("aggregated_score").asDouble(),
                json(byGet).get("latest_prediction").get("credit_score").asDouble());
        assertEquals(2, json(byGet).get("history").size());

        HttpResponse<String> byPost = service.send(service.api("/api/v1/search").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"customer_id\": \"CUS-PACKAGED-1\"}")));
        assertEquals(200, byPost.statusCode(), byPost.body());
        assertEquals(json(byGet).get("latest_prediction"), json(byPost).get("latest_prediction"));
    }

    @Test
    @Order(4)
    void theChallengerShadowedBothPredictionsAndDriftAndCompareAnswer() {
        service.await("both predictions shadowed",
                () -> json(service.send(service.api("/models/compare").GET())).get("shadowed").asLong() == 2);
        HttpResponse<String> compare = service.send(service.api("/models/compare").GET());
        assertEquals(200, compare.statusCode(), compare.body());
        assertEquals(0, json(compare).get("dropped").asLong());
        assertEquals(0.0, json(compare).get("mean_abs_score_difference").asDouble(), "the same models score the same");

        HttpResponse<String> drift = service.send(service.api("/models/drift").GET());
        assertEquals(200, drift.statusCode(), drift.body());
        assertEquals(1, json(drift).at("/challenger/models/2/predictions").asInt());
        assertEquals(1, json(drift).at("/champion/models/0/predictions").asInt());
    }

    @Test
    @Order(5)
    void aDecisionReplaysFromTheArchiveInS3AndTheModelRiskPathsAnswer() throws Exception {
        JsonNode latest = json(service.send(service.api("/api/v1/search?customer_id=CUS-PACKAGED-1").GET()))
                .get("latest_prediction");
        HttpResponse<String> replay = service.send(service.api("/api/v1/replay").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"customer_id\": \"CUS-PACKAGED-1\", \"prediction_id\": \""
                        + latest.get("prediction_id").asText() + "\"}")));
        assertEquals(200, replay.statusCode(), replay.body());
        assertTrue(json(replay).get("identical").asBoolean(), replay.body());
        assertEquals("model-archive/traditional/2025-11-08.1/model.onnx", s3.listObjectsV2(request -> request
                .bucket(BUCKET).prefix("model-archive/traditional/")).contents().stream()
                .map(object -> object.key()).filter(key -> key.endsWith("model.onnx")).findFirst().orElseThrow());

        HttpResponse<String> inventory = service.send(service.api("/models").GET());
        assertEquals(200, inventory.statusCode(), inventory.body());
        assertEquals(ModelInventoryTest.sha256OfEachFile(Path.of("models/traditional")).get("model.onnx"),
                json(inventory).at("/champion/models/1/files/model.onnx").asText());
        HttpResponse<String> audit = service.send(service.api("/api/v1/audit").GET());
        assertEquals(200, audit.statusCode(), audit.body());
        assertTrue(json(audit).get("events").size() >= 2, audit.body());

        HttpResponse<String> outcome = service.send(service.api("/api/v1/outcomes").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"outcomes\": [{\"customer_id\": \"CUS-PACKAGED-1\","
                        + " \"prediction_id\": \"" + latest.get("prediction_id").asText() + "\", \"defaulted\": false}]}")));
        assertEquals(200, outcome.statusCode(), outcome.body());
        assertEquals(1, json(outcome).get("recorded").asInt());
        HttpResponse<String> performance = service.send(service.api("/models/performance").GET());
        assertEquals(200, performance.statusCode(), performance.body());
        assertEquals(1, json(performance).get("outcomes").asInt());
    }

    @Test
    @Order(6)
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

        HttpResponse<String> health = service.send(service.api("/health"));
        assertEquals(200, health.statusCode(), health.body());
        assertEquals(generation, json(health).get("model_generation").asLong(), "the refused bundle was not swapped in");
        upload(Map.of());
    }

    @Test
    @Order(7)
    void itsLogHasNoErrorLine() throws IOException {
        List<String> errors = Files.readAllLines(service.log()).stream().filter(line -> line.contains(" ERROR ")).toList();
        assertTrue(errors.isEmpty(), "ERROR lines in the service's log:\n" + String.join("\n", errors));
        assertFalse(Files.readString(service.log()).isEmpty());
    }

    private static void upload(Map<String, byte[]> replaced) throws IOException {
        upload(PREFIX, replaced);
    }

    private static void upload(String prefix, Map<String, byte[]> replaced) throws IOException {
        Path root = Path.of("models");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = root.relativize(file).toString();
                if (!name.equals("golden.json")) {
                    byte[] content = replaced.getOrDefault(name, Files.readAllBytes(file));
                    s3.putObject(request -> request.bucket(BUCKET).key(prefix + "/" + name), RequestBody.fromBytes(content));
                }
            }
        }
    }

    private static HttpResponse<String> predict(String customerId, String features) {
        return service.predict(customerId, features);
    }

    private static HttpResponse<String> reload() {
        return service.send(service.api("/models/reload").POST(HttpRequest.BodyPublishers.noBody()));
    }
}
