package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.vpbank.creditscore.portfolio.PortfolioRuns;
import com.vpbank.creditscore.portfolio.ShardWork;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Portfolio runs through the API, against S3Mock and DynamoDB Local: every good line scored
 * once with the score and reasons the predict route answers for the same body, every bad line
 * rejected with the predict route's 400 message, and the manifest written last.
 */
class PortfolioRunsTest {

    private static final String BUCKET = "ml-data";

    @RegisterExtension
    static final S3MockExtension S3 = S3MockExtension.builder()
            .withSecureConnection(false)
            .withHttpPort(RunningService.freePort())
            .withInitialBuckets(BUCKET)
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
        PortfolioInputs.uploadModels(s3, BUCKET, "models");
        service = RunningService.start(Map.of(
                "creditscore.models.bucket", BUCKET,
                "creditscore.models.prefix", "models",
                "creditscore.models.s3-endpoint", "http://127.0.0.1:" + S3.getHttpPort(),
                "creditscore.models.cache-dir", cache.toString(),
                "creditscore.portfolio.batch-rows", "7",
                "creditscore.portfolio.progress-seconds", "0"));
    }

    @AfterAll
    static void stop() {
        service.close();
        s3.close();
    }

    @Test
    void aRunScoresEveryGoodLineOnceAsThePredictRouteDoes() {
        List<String> lines = input("portfolio/book.jsonl", 60, 11, 1, false);

        JsonNode started = startRun("{\"input\": \"portfolio/book.jsonl\"}");
        JsonNode run = awaitEnd(started.get("run_id").asText());

        assertEquals("succeeded", run.get("status").asText(), run.toString());
        assertEquals(60, run.get("rows_read").asLong());
        assertEquals(55, run.get("rows_scored").asLong());
        assertEquals(5, run.get("rows_rejected").asLong());
        assertEquals(Set.of("traditional", "social", "xgboost"), fieldNames(run.get("model_versions")));
        String prefix = run.get("output_prefix").asText();
        assertEquals("portfolio-runs/" + run.get("run_id").asText() + "/", prefix);
        Map<Long, JsonNode> scores = PortfolioInputs.rows(s3, BUCKET, prefix, "scores");
        Map<Long, JsonNode> rejected = PortfolioInputs.rows(s3, BUCKET, prefix, "rejected");
        assertEquals(55, scores.size());
        assertEquals(Set.of(11L, 22L, 33L, 44L, 55L), rejected.keySet());

        // The predict route's answers for the same lines, asked after the run (an online
        // prediction stores the customer, who is an existing customer from then on).
        for (int row = 1; row <= lines.size(); row++) {
            HttpResponse<String> online = service.post("/api/v1/predict", lines.get(row - 1));
            JsonNode answer = service.json(online);
            if (rejected.containsKey((long) row)) {
                assertEquals(400, online.statusCode(), online.body());
                assertEquals(answer.get("error").asText(), rejected.get((long) row).get("error").asText(), "row " + row);
                continue;
            }
            assertEquals(200, online.statusCode(), online.body());
            assertSameAnswer(row, answer, scores.get((long) row));
        }
        JsonNode manifest = PortfolioInputs.json(s3.getObjectAsBytes(get -> get.bucket(BUCKET)
                .key(prefix + "manifest.json")).asUtf8String());
        assertEquals(55, manifest.get("rows_scored").asLong());
        assertEquals(5, manifest.get("rows_rejected").asLong());
        assertEquals(run.get("model_versions"), manifest.get("model_versions"));
        assertEquals(PortfolioInputs.objects(s3, BUCKET, prefix + "scores-").size(), manifest.get("scores").size());
    }

    @Test
    void aGzipInputIsReadWhole() {
        input("portfolio/book.jsonl.gz", 30, 0, 2, true);

        JsonNode run = awaitEnd(startRun("{\"input\": \"portfolio/book.jsonl.gz\", \"batch_rows\": 4}")
                .get("run_id").asText());

        assertEquals("succeeded", run.get("status").asText(), run.toString());
        assertEquals(30, run.get("rows_scored").asLong());
        assertEquals(new TreeSet<>(rangeOf(30)),
                PortfolioInputs.rows(s3, BUCKET, run.get("output_prefix").asText(), "scores").keySet());
    }

    @Test
    void anInputThatIsNotThereStartsNothing() {
        HttpResponse<String> answer = service.post("/api/v1/portfolio-runs", "{\"input\": \"portfolio/none.jsonl\"}");

        assertEquals(404, answer.statusCode(), answer.body());
        assertEquals("The input 'portfolio/none.jsonl' is not an object of the bucket.",
                service.json(answer).get("error").asText());
        assertTrue(service.dynamo().scan(scan -> scan.tableName(
                service.camelContext().resolvePropertyPlaceholders("{{creditscore.portfolio.run-table}}")))
                .items().stream().noneMatch(item -> item.containsKey("input")
                        && item.get("input").s().equals("portfolio/none.jsonl")));
    }

    @Test
    void aBodyThatIsNotValidIsRefused() {
        HttpResponse<String> noInput = service.post("/api/v1/portfolio-runs", "{\"batch_rows\": 3}");
        HttpResponse<String> unknown = service.post("/api/v1/portfolio-runs", "{\"input\": \"a\", \"shard\": 1}");
        HttpResponse<String> rows = service.post("/api/v1/portfolio-runs", "{\"input\": \"a\", \"batch_rows\": 0}");

        assertEquals(400, noInput.statusCode());
        assertEquals("Field 'input' must be the key of an object in the bucket (1-1024 characters).",
                service.json(noInput).get("error").asText());
        assertEquals(400, unknown.statusCode());
        assertEquals("Unknown field 'shard'.", service.json(unknown).get("error").asText());
        assertEquals(400, rows.statusCode());
    }

    @Test
    void aShardWhoseModelsAreNotTheRunsFailsItsRunSayingWhy() {
        input("portfolio/versions.jsonl", 5, 0, 3, false);
        PortfolioRuns runs = new PortfolioRuns(service.dynamo(),
                service.camelContext().resolvePropertyPlaceholders("{{creditscore.portfolio.run-table}}"),
                java.time.Clock.systemUTC());
        long size = s3.headObject(head -> head.bucket(BUCKET).key("portfolio/versions.jsonl")).contentLength();
        runs.create("older-models", "portfolio/versions.jsonl", size, 1, 10, "portfolio-runs/older-models/",
                Map.of("social", "2025-01-01.1", "traditional", "2025-01-01.1", "xgboost", "2025-01-01.1"));

        service.camelContext().createProducerTemplate()
                .requestBody("direct:portfolio-shard", new ShardWork("older-models", 0), String.class);

        JsonNode run = awaitEnd("older-models");
        assertEquals("failed", run.get("status").asText());
        assertTrue(run.get("error").asText().startsWith("The run scores with the models {social=2025-01-01.1,"),
                run.get("error").asText());
        assertEquals(0, run.get("rows_read").asLong());
        assertTrue(PortfolioInputs.objects(s3, BUCKET, "portfolio-runs/older-models/").isEmpty());
    }

    @Test
    void anUnknownRunIs404() {
        HttpResponse<String> answer = service.get("/api/v1/portfolio-runs/no-such-run");

        assertEquals(404, answer.statusCode(), answer.body());
        assertEquals("No portfolio run has this id.", service.json(answer).get("error").asText());
    }

    static void assertSameAnswer(int row, JsonNode online, JsonNode batch) {
        String where = "row " + row;
        assertEquals(row, batch.get("row").asLong(), where);
        assertEquals(online.get("customer_id"), batch.get("customer_id"), where);
        assertEquals(online.get("customer_type"), batch.get("customer_type"), where);
        assertEquals(online.get("credit_group"), batch.get("credit_group"), where);
        boolean existing = online.get("customer_type").asText().equals("existing");
        double score = existing ? online.get("aggregated_score").asDouble() : online.get("score").asDouble();
        assertEquals(score, batch.get("credit_score").asDouble(), 1e-3, where);
        List<JsonNode> models = new ArrayList<>();
        if (existing) {
            online.get("models").forEach(models::add);
        } else {
            models.add(online);
        }
        assertEquals(models.size(), batch.get("models").size(), where);
        for (int i = 0; i < models.size(); i++) {
            JsonNode expected = models.get(i);
            JsonNode actual = batch.get("models").get(i);
            assertEquals(expected.get("model"), actual.get("model"), where);
            assertEquals(expected.get("version"), actual.get("version"), where);
            assertEquals(expected.get("score").asDouble(), actual.get("score").asDouble(), 1e-3, where);
            assertEquals(expected.get("score_scaled").asDouble(), actual.get("score_scaled").asDouble(), 1e-5, where);
        }
        JsonNode reasons = online.get("reasons");
        assertEquals(reasons.size(), batch.get("reasons").size(), where + ": " + reasons + " " + batch.get("reasons"));
        for (int i = 0; i < reasons.size(); i++) {
            JsonNode expected = reasons.get(i);
            JsonNode actual = batch.get("reasons").get(i);
            assertEquals(expected.get("code"), actual.get("code"), where);
            assertEquals(expected.get("feature"), actual.get("feature"), where);
            assertEquals(expected.get("model"), actual.get("model"), where);
            assertEquals(expected.get("description"), actual.get("description"), where);
            assertEquals(expected.get("impact").asDouble(), actual.get("impact").asDouble(), 1e-3, where);
        }
    }

    private static List<String> input(String key, int rows, int badEvery, long seed, boolean gzip) {
        String text = PortfolioInputs.lines(rows, badEvery, seed, id -> service.dynamo().putItem(put -> put
                .tableName(service.customerTable()).item(Map.of("customer_id", AttributeValue.fromS(id)))));
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (gzip) {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
                out.write(bytes);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            bytes = zipped.toByteArray();
        }
        PortfolioInputs.upload(s3, BUCKET, key, bytes);
        return List.of(text.split("\n"));
    }

    private static JsonNode startRun(String body) {
        HttpResponse<String> answer = service.post("/api/v1/portfolio-runs", body);
        assertEquals(202, answer.statusCode(), answer.body());
        JsonNode run = service.json(answer);
        assertEquals("running", run.get("status").asText());
        return run;
    }

    static JsonNode awaitEnd(String runId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = service.get("/api/v1/portfolio-runs/" + runId);
            assertEquals(200, answer.statusCode(), answer.body());
            JsonNode run = service.json(answer);
            if (!run.get("status").asText().equals("running")) {
                return run;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("The run did not end within 120 s");
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<Long> rangeOf(int rows) {
        List<Long> range = new ArrayList<>();
        for (long row = 1; row <= rows; row++) {
            range.add(row);
        }
        return range;
    }
}
