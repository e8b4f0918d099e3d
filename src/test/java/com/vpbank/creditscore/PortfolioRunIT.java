package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Portfolio runs of the packaged artifact, against DynamoDB Local and S3Mock each in a process
 * of its own: a run through the API whose process is killed mid-way finishes after a restart
 * with every row once; and batch mode (the Indexed Job), three shards in three processes,
 * gives the output of one process while each shard reads about its own third of the object.
 * Run alone: {@code mvn -B verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=PortfolioRunIT}.
 */
class PortfolioRunIT {

    private static final String BUCKET = "ml-data";
    private static final String RUN_TABLE = "portfolio-runs-it";
    private static final List<Process> COMPANIONS = new ArrayList<>();

    @TempDir
    static Path work;

    private static S3Client s3;
    private static DynamoDbClient dynamo;
    private static Map<String, String> env;

    @BeforeAll
    static void start() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        int dynamoPort = RunningService.freePort();
        COMPANIONS.add(PackagedService.startProcess(List.of(PackagedService.java(),
                "-Djava.library.path=" + target.resolve("native"),
                "-cp", target.resolve("embedded") + File.separator + "*" + File.pathSeparator
                        + target.resolve("lib") + File.separator + "*",
                "com.amazonaws.services.dynamodbv2.local.main.ServerRunner",
                "-inMemory", "-port", Integer.toString(dynamoPort), "-disableTelemetry"),
                Map.of(), target, work.resolve("dynamodb-local.log")));
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
        dynamo = RunningService.client(URI.create("http://127.0.0.1:" + dynamoPort));
        await("S3Mock and DynamoDB Local answer", Duration.ofSeconds(120), () -> {
            try {
                s3.headBucket(request -> request.bucket(BUCKET));
                dynamo.listTables();
                return true;
            } catch (RuntimeException notYet) {
                return false;
            }
        });
        PortfolioInputs.uploadModels(s3, BUCKET, "models");
        new com.vpbank.creditscore.store.ServiceTables(dynamo).createCustomerTable("customers-it");
        env = new HashMap<>(Map.of(
                "DYNAMODB_ENDPOINT_URL", "http://127.0.0.1:" + dynamoPort,
                "DYNAMODB_CREATE_TABLES", "true",
                "CUSTOMER_TABLE_NAME", "customers-it",
                "PORTFOLIO_RUN_TABLE_NAME", RUN_TABLE,
                "ML_DATA_BUCKET", BUCKET,
                "MODEL_PREFIX", "models",
                "S3_ENDPOINT_URL", "http://127.0.0.1:" + s3Port,
                "MODEL_LOAD_RETRY_MS", "500",
                "PORTFOLIO_PROGRESS_SECONDS", "2"));
    }

    @AfterAll
    static void stop() throws InterruptedException {
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
    void aRunKilledMidWayFinishesAfterARestartWithEveryRowOnce() throws Exception {
        int rows = 8_000;
        String text = PortfolioInputs.lines(rows, 97, 7, PortfolioRunIT::storeCustomer);
        PortfolioInputs.upload(s3, BUCKET, "portfolio/kill.jsonl", text);
        Map<String, String> settings = new HashMap<>(env);
        settings.putAll(Map.of("PORTFOLIO_LEASE_SECONDS", "3", "PORTFOLIO_SCAN_SECONDS", "1",
                "PORTFOLIO_BATCH_ROWS", "200", "MODEL_CACHE_DIR", work.resolve("cache-api-1").toString()));
        Files.createDirectories(work.resolve("api-1"));
        PackagedService first = PackagedService.start(work.resolve("api-1"), settings);
        first.await("the models are loaded", () -> first.status(first.management("/observe/health/ready")) == 200);
        HttpResponse<String> started = first.send(first.api("/api/v1/portfolio-runs")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\": \"portfolio/kill.jsonl\"}")));
        assertEquals(202, started.statusCode(), started.body());
        String runId = PackagedService.json(started).get("run_id").asText();
        first.await("the run is part-way", () -> {
            long read = runOf(first, runId).get("rows_read").asLong();
            return read > 1000;
        });
        JsonNode before = runOf(first, runId);
        first.kill();
        assertEquals("running", before.get("status").asText(), before.toString());
        assertTrue(before.get("rows_read").asLong() < rows, "killed before the end: " + before);

        settings.put("MODEL_CACHE_DIR", work.resolve("cache-api-2").toString());
        Files.createDirectories(work.resolve("api-2"));
        try (PackagedService second = PackagedService.start(work.resolve("api-2"), settings)) {
            second.await("the run is taken over and succeeds",
                    () -> !runOf(second, runId).get("status").asText().equals("running"));
            JsonNode run = runOf(second, runId);
            assertEquals("succeeded", run.get("status").asText(), run.toString());
            assertEquals(rows, run.get("rows_read").asLong());
            String prefix = run.get("output_prefix").asText();
            Map<Long, JsonNode> scores = PortfolioInputs.rows(s3, BUCKET, prefix, "scores");
            Map<Long, JsonNode> rejected = PortfolioInputs.rows(s3, BUCKET, prefix, "rejected");
            assertEquals(rows, scores.size() + rejected.size());
            assertEquals(run.get("rows_scored").asLong(), scores.size());
            assertEquals(rows / 97, rejected.size());
            for (long row = 1; row <= rows; row++) {
                assertTrue(scores.containsKey(row) ^ rejected.containsKey(row), "row " + row + " once");
            }
            assertTrue(Files.readString(second.log()).contains("resumed at row"), "the shard resumed at its checkpoint");
        }
    }

    @Test
    void threeShardsInThreeProcessesGiveTheOutputOfOne() throws Exception {
        int rows = 6_000;
        String text = PortfolioInputs.lines(rows, 101, 9, PortfolioRunIT::storeCustomer);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        PortfolioInputs.upload(s3, BUCKET, "portfolio/shards.jsonl", bytes);

        assertEquals(0, job("one", "portfolio/shards.jsonl", 1, 0).waitFor());
        List<Process> shards = new ArrayList<>();
        for (int index = 0; index < 3; index++) {
            shards.add(job("three", "portfolio/shards.jsonl", 3, index));
        }
        for (int index = 0; index < 3; index++) {
            assertTrue(shards.get(index).waitFor(300, TimeUnit.SECONDS));
            assertEquals(0, shards.get(index).exitValue(), "shard " + index + ": "
                    + Files.readString(work.resolve("job-three-" + index + ".log")));
        }

        String one = "portfolio-runs/one/";
        String three = "portfolio-runs/three/";
        assertSameRows(PortfolioInputs.rows(s3, BUCKET, one, "scores"), PortfolioInputs.rows(s3, BUCKET, three, "scores"));
        assertSameRows(PortfolioInputs.rows(s3, BUCKET, one, "rejected"),
                PortfolioInputs.rows(s3, BUCKET, three, "rejected"));
        assertEquals(rows, PortfolioInputs.rows(s3, BUCKET, three, "scores").size()
                + PortfolioInputs.rows(s3, BUCKET, three, "rejected").size());
        assertTrue(PortfolioInputs.objects(s3, BUCKET, three + "pending/").isEmpty());
        JsonNode manifest = PortfolioInputs.json(s3.getObjectAsBytes(get -> get.bucket(BUCKET)
                .key(three + "manifest.json")).asUtf8String());
        assertEquals(rows, manifest.get("rows_read").asLong());
        // Each shard read its own third of the object's bytes, and the rest of its last line at most.
        long third = bytes.length / 3;
        for (Map<String, AttributeValue> item : dynamo.query(query -> query.tableName(RUN_TABLE)
                .keyConditionExpression("run_id = :run")
                .expressionAttributeValues(Map.of(":run", AttributeValue.fromS("three")))).items()) {
            if (item.get("item").s().startsWith("shard-")) {
                long read = Long.parseLong(item.get("bytes_read").n());
                assertTrue(read >= third - 2 && read <= third + 2 + 64 * 1024,
                        item.get("item").s() + " read " + read + " bytes of " + bytes.length);
            }
        }
    }

    /** Two runs' rows: the same rows, customers, groups and reasons, and the same scores to 1e-4. */
    private static void assertSameRows(Map<Long, JsonNode> expected, Map<Long, JsonNode> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (Map.Entry<Long, JsonNode> row : expected.entrySet()) {
            assertSame("row " + row.getKey(), row.getValue(), actual.get(row.getKey()));
        }
    }

    private static void assertSame(String where, JsonNode expected, JsonNode actual) {
        if (expected.isNumber() && actual.isNumber()) {
            assertEquals(expected.asDouble(), actual.asDouble(), 1e-4, where);
            return;
        }
        assertEquals(expected.getNodeType(), actual.getNodeType(), where);
        if (expected.isContainerNode()) {
            assertEquals(expected.size(), actual.size(), where);
            if (expected.isArray()) {
                for (int i = 0; i < expected.size(); i++) {
                    assertSame(where + "[" + i + "]", expected.get(i), actual.get(i));
                }
            } else {
                for (Iterator<String> names = expected.fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    assertSame(where + "." + name, expected.get(name), actual.get(name));
                }
            }
        } else {
            assertEquals(expected, actual, where);
        }
    }

    private static Process job(String runId, String input, int shards, int index) throws IOException {
        Map<String, String> settings = new HashMap<>(env);
        settings.putAll(Map.of("PORTFOLIO_RUN_ID", runId, "PORTFOLIO_RUN_INPUT", input,
                "PORTFOLIO_SHARDS", Integer.toString(shards), "JOB_COMPLETION_INDEX", Integer.toString(index),
                "MODEL_CACHE_DIR", work.resolve("cache-" + runId + "-" + index).toString(),
                "MANAGEMENT_HOST", "127.0.0.1",
                "MANAGEMENT_PORT", Integer.toString(RunningService.freePort()),
                "ROUTES_DIR", Path.of("routes").toAbsolutePath().toString(),
                "AWS_DEFAULT_REGION", "us-east-1"));
        settings.putAll(Map.of("AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local"));
        Path folder = Files.createDirectories(work.resolve("job-" + runId + "-" + index));
        return PackagedService.startProcess(List.of(PackagedService.java(), "-jar",
                        Path.of("target", "credit-score.jar").toAbsolutePath().toString()),
                settings, folder, work.resolve("job-" + runId + "-" + index + ".log"));
    }

    private static void storeCustomer(String customerId) {
        dynamo.putItem(put -> put.tableName("customers-it")
                .item(Map.of("customer_id", AttributeValue.fromS(customerId))));
    }

    private static JsonNode runOf(PackagedService service, String runId) {
        HttpResponse<String> answer = service.send(service.api("/api/v1/portfolio-runs/" + runId));
        assertEquals(200, answer.statusCode(), answer.body());
        return PackagedService.json(answer);
    }

    private static void await(String what, Duration within, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within + ": " + what);
            }
            Thread.sleep(200);
        }
    }
}
