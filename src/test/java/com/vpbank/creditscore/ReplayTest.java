package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Replays of stored decisions against DynamoDB Local and an S3 server, each in a process of
 * its own, the bundles read from S3 and archived there by the service: 100 predictions (new
 * and existing customers) replay identically; after a reload to a new version the old
 * version's predictions still replay identically with the old version; a version removed
 * from the archive answers 410 naming it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayTest {

    private static final String BUCKET = "ml-data";
    private static final String OLD = "2025-11-08.1";
    private static final String NEW = "2026-06-01.3";
    private static final String ARCHIVE = "model-archive";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private static CompanionServers servers;
    private static RunningService service;
    private static final List<JsonNode> answers = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        servers = CompanionServers.start(work, BUCKET);
        upload(OLD, 0.0);
        service = RunningService.start(Map.of(
                "creditscore.dynamodb.endpoint", servers.dynamoEndpoint().toString(),
                "creditscore.models.bucket", BUCKET,
                "creditscore.models.prefix", "models",
                "creditscore.models.archive-prefix", ARCHIVE,
                "creditscore.models.s3-endpoint", servers.s3Endpoint().toString(),
                "creditscore.models.cache-dir", work.resolve("cache").toString()));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (service != null) {
            service.close();
        }
        servers.close();
    }

    @Test
    @Order(1)
    void theServedVersionIsArchivedFileForFile() throws Exception {
        for (String model : List.of("traditional", "social", "xgboost")) {
            try (Stream<Path> files = Files.list(Path.of("models", model))) {
                for (Path file : files.toList()) {
                    byte[] archived = servers.s3().getObjectAsBytes(request -> request.bucket(BUCKET)
                            .key(ARCHIVE + "/" + model + "/" + OLD + "/" + file.getFileName())).asByteArray();
                    assertEquals(sha256(Files.readAllBytes(file)), sha256(archived), file.toString());
                }
            }
        }
    }

    @Test
    @Order(2)
    void aHundredPredictionsOfNewAndExistingCustomersReplayIdentically() {
        Random random = new Random(26);
        for (int i = 0; i < 100; i++) {
            boolean existing = i % 2 == 0;
            String customerId = existing ? service.existingCustomer() : "CUS-NEW-" + i;
            String groups = existing
                    ? (i % 10 == 0 ? "\"traditional\": " + row(random, 8)
                    : "\"traditional\": " + row(random, 8) + ", \"social\": " + row(random, 5))
                    : "\"xgboost\": " + row(random, 10);
            HttpResponse<String> predicted = service.post("/api/v1/predict",
                    ScoringServiceTest.predictBody(customerId, groups));
            assertEquals(200, predicted.statusCode(), predicted.body());
            answers.add(service.json(predicted));
        }
        for (JsonNode answer : answers) {
            JsonNode replay = replay(answer, 200);
            assertEquals(answer.get("prediction_id"), replay.get("prediction_id"));
            assertEquals(answer, replay.get("original"), "the stored decision is the answer given");
            assertEquals(answer, replay.get("replayed"));
            assertTrue(replay.get("identical").asBoolean(), replay.toString());
            assertEquals(0, replay.get("differences").size());
        }
        assertTrue(answers.stream().anyMatch(answer -> answer.get("customer_type").asText().equals("new")));
        assertTrue(answers.stream().anyMatch(answer -> answer.path("num_models_used").asInt() == 1));
    }

    @Test
    @Order(3)
    void afterAReloadToANewVersionTheOldPredictionsReplayWithTheOldVersion() throws IOException {
        upload(NEW, 40.0);
        HttpResponse<String> reload = service.send(HttpRequest.newBuilder(service.uri("/models/reload"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, reload.statusCode(), reload.body());
        HttpResponse<String> fresh = service.post("/api/v1/predict",
                ScoringServiceTest.predictBody("CUS-AFTER-RELOAD", DemoFeatures.NEW));
        assertEquals(NEW, service.json(fresh).get("version").asText());

        for (JsonNode answer : answers.subList(0, 20)) {
            JsonNode replay = replay(answer, 200);
            assertTrue(replay.get("identical").asBoolean(), replay.toString());
            assertEquals(answer, replay.get("replayed"));
            for (String version : versions(replay.get("replayed"))) {
                assertEquals(OLD, version);
            }
        }
        JsonNode replayed = replay(service.json(fresh), 200);
        assertTrue(replayed.get("identical").asBoolean(), replayed.toString());
        assertEquals(NEW, replayed.at("/replayed/version").asText());
    }

    @Test
    @Order(4)
    void aVersionRemovedFromTheArchiveAnswers410NamingIt() {
        S3Client s3 = servers.s3();
        s3.listObjectsV2Paginator(request -> request.bucket(BUCKET).prefix(ARCHIVE + "/social/" + OLD + "/"))
                .contents().forEach(object -> s3.deleteObject(request -> request.bucket(BUCKET).key(object.key())));
        JsonNode existing = answers.stream()
                .filter(answer -> answer.path("num_models_used").asInt() == 2).findFirst().orElseThrow();
        JsonNode gone = replay(existing, 410);
        assertEquals("Model social version " + OLD + " is no longer in the model archive.", gone.get("error").asText());
        assertEquals("social", gone.at("/details/model").asText());
        assertEquals(OLD, gone.at("/details/version").asText());
        JsonNode newcomer = answers.stream()
                .filter(answer -> answer.get("customer_type").asText().equals("new")).findFirst().orElseThrow();
        assertTrue(replay(newcomer, 200).get("identical").asBoolean(), "xgboost's old version is still archived");
    }

    @Test
    @Order(5)
    void anUnknownPredictionIs404AndABadRequest400AndItStoresNothing() {
        JsonNode any = answers.get(1);
        int before = service.allItems().size();
        HttpResponse<String> unknown = service.post("/api/v1/replay", "{\"customer_id\": \""
                + any.get("customer_id").asText() + "\", \"prediction_id\": \"00000000-0000-0000-0000-000000000000\"}");
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertEquals(400, service.post("/api/v1/replay", "{\"customer_id\": \"CUS-1\"}").statusCode());
        assertEquals(400, service.post("/api/v1/replay",
                "{\"customer_id\": \"CUS 1\", \"prediction_id\": \"x\"}").statusCode());
        assertEquals(before, service.allItems().size());
    }

    private static List<String> versions(JsonNode answer) {
        List<String> versions = new ArrayList<>();
        if (answer.has("version")) {
            versions.add(answer.get("version").asText());
        }
        answer.path("models").forEach(model -> versions.add(model.get("version").asText()));
        return versions;
    }

    private static JsonNode replay(JsonNode answer, int status) {
        HttpResponse<String> response = service.post("/api/v1/replay", "{\"customer_id\": \""
                + answer.get("customer_id").asText() + "\", \"prediction_id\": \""
                + answer.get("prediction_id").asText() + "\"}");
        assertEquals(status, response.statusCode(), response.body());
        return service.json(response);
    }

    private static String row(Random random, int size) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextFloat();
        }
        return ScoringServiceTest.array(values);
    }

    /** The demo bundle in S3 under models/ as {@code version}, each scaler's offset moved by {@code shift}. */
    private static void upload(String version, double shift) throws IOException {
        Path bundle = ChallengerBundles.write(work.resolve("bundle-" + version), version,
                Map.of("traditional", shift, "social", shift, "xgboost", shift));
        if (shift == 0.0) {
            for (String model : List.of("traditional", "social", "xgboost")) {
                for (String file : List.of("config.json", "scaler.json")) {
                    Files.copy(Path.of("models", model, file), bundle.resolve(model).resolve(file),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                ObjectNode config = (ObjectNode) JSON.readTree(bundle.resolve(model).resolve("config.json").toFile());
                assertEquals(version, config.get("version").asText());
            }
        }
        try (Stream<Path> files = Files.walk(bundle)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String key = "models/" + bundle.relativize(file).toString().replace('\\', '/');
                servers.s3().putObject(request -> request.bucket(BUCKET).key(key), RequestBody.fromFile(file));
            }
        }
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
