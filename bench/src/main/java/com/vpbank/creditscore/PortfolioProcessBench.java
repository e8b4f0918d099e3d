package com.vpbank.creditscore;

import java.io.File;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The packaged service's own CPU and memory for a portfolio run, against DynamoDB Local and
 * S3Mock in processes of their own (their CPU is not counted): batch mode under
 * {@code /usr/bin/time} for each size given (user + system CPU and maximum RSS, less a run of
 * one line for the start-up), and the predict route for the same lines, the service's CPU
 * time read from {@code /proc} before and after. Run after {@code mvn package}:
 *
 * <pre>java -cp target/test-classes:target/classes:$(cat target/bench-classpath.txt) \
 *     com.vpbank.creditscore.PortfolioProcessBench 20000,100000 5000</pre>
 */
public final class PortfolioProcessBench {

    private static final String BUCKET = "ml-data";
    private static final long TICKS_PER_SECOND = 100;

    private PortfolioProcessBench() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String size : args[0].split(",")) {
            sizes.add(Integer.parseInt(size));
        }
        int onlineRows = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        int shards = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Path work = Files.createTempDirectory("portfolio-bench");
        Path target = Path.of("target").toAbsolutePath();
        List<Process> companions = new ArrayList<>();
        int dynamoPort = RunningService.freePort();
        companions.add(PackagedService.startProcess(List.of(PackagedService.java(),
                "-Djava.library.path=" + target.resolve("native"),
                "-cp", target.resolve("embedded") + File.separator + "*" + File.pathSeparator
                        + target.resolve("lib") + File.separator + "*",
                "com.amazonaws.services.dynamodbv2.local.main.ServerRunner",
                "-inMemory", "-port", Integer.toString(dynamoPort), "-disableTelemetry"),
                Map.of(), target, work.resolve("dynamodb-local.log")));
        int s3Port = RunningService.freePort();
        companions.add(PackagedService.startProcess(List.of(PackagedService.java(),
                "-cp", System.getProperty("java.class.path"),
                "com.adobe.testing.s3mock.S3MockApplication",
                "--com.adobe.testing.s3mock.httpPort=" + s3Port, "--server.port=" + RunningService.freePort(),
                "--com.adobe.testing.s3mock.store.initialBuckets=" + BUCKET,
                "--com.adobe.testing.s3mock.store.root=" + work.resolve("s3"),
                "--com.adobe.testing.s3mock.region=us-east-1",
                "--spring.jmx.enabled=false", "--spring.main.lazy-initialization=true"),
                Map.of(), target, work.resolve("s3.log")));
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + s3Port))
                .forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
             DynamoDbClient dynamo = RunningService.client(URI.create("http://127.0.0.1:" + dynamoPort))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (true) {
                try {
                    s3.headBucket(request -> request.bucket(BUCKET));
                    dynamo.listTables();
                    break;
                } catch (RuntimeException notYet) {
                    if (System.nanoTime() > deadline) {
                        throw notYet;
                    }
                    Thread.sleep(500);
                }
            }
            PortfolioInputs.uploadModels(s3, BUCKET, "models");
            new com.vpbank.creditscore.store.ServiceTables(dynamo).createCustomerTable("customers");
            Map<String, String> env = new HashMap<>(Map.of(
                    "DYNAMODB_ENDPOINT_URL", "http://127.0.0.1:" + dynamoPort,
                    "DYNAMODB_CREATE_TABLES", "true",
                    "CUSTOMER_TABLE_NAME", "customers",
                    "ML_DATA_BUCKET", BUCKET,
                    "MODEL_PREFIX", "models",
                    "S3_ENDPOINT_URL", "http://127.0.0.1:" + s3Port,
                    "ROUTES_DIR", Path.of("routes").toAbsolutePath().toString(),
                    "AWS_DEFAULT_REGION", "us-east-1",
                    "AWS_ACCESS_KEY_ID", "local",
                    "AWS_SECRET_ACCESS_KEY", "local"));
            env.put("MANAGEMENT_HOST", "127.0.0.1");

            PortfolioInputs.upload(s3, BUCKET, "bench/one.jsonl", PortfolioInputs.lines(1, 0, 1, id -> { }));
            double[] startUp = batch(env, work, "startup", "bench/one.jsonl", 1, 0);
            System.out.printf("start-up (one line): %.1f s CPU, %d MiB RSS, %.0f s%n", startUp[0], (long) startUp[1] / 1024,
                    startUp[2]);
            String lastText = null;
            for (int rows : sizes) {
                String text = PortfolioInputs.lines(rows, 97, rows, id -> dynamo.putItem(put -> put.tableName("customers")
                        .item(Map.of("customer_id", AttributeValue.fromS(id)))));
                lastText = text;
                String key = "bench/book-" + rows + ".jsonl";
                PortfolioInputs.upload(s3, BUCKET, key, text);
                if (shards == 1) {
                    double[] run = batch(env, work, "run-" + rows, key, 1, 0);
                    System.out.printf("batch mode, %d rows: %.1f s CPU (%.0f µs per row after start-up), %d MiB max RSS,"
                                    + " %.0f s elapsed (%.0f rows/s)%n", rows, run[0],
                            (run[0] - startUp[0]) * 1e6 / rows, (long) run[1] / 1024, run[2], rows / run[2]);
                } else {
                    List<Process> processes = new ArrayList<>();
                    for (int index = 0; index < shards; index++) {
                        processes.add(batchProcess(env, work, "shards-" + rows, key, shards, index));
                    }
                    for (Process process : processes) {
                        process.waitFor();
                    }
                    for (Map<String, AttributeValue> item : dynamo.query(query -> query.tableName("vpbank-portfolio-runs")
                            .keyConditionExpression("run_id = :run")
                            .expressionAttributeValues(Map.of(":run", AttributeValue.fromS("shards-" + rows)))).items()) {
                        if (item.get("item").s().startsWith("shard-")) {
                            System.out.printf("%d shards, %d rows (%d bytes): %s read %s bytes, %s lines%n", shards, rows,
                                    text.getBytes(StandardCharsets.UTF_8).length, item.get("item").s(),
                                    item.get("bytes_read").n(), item.get("lines_read").n());
                        }
                    }
                }
            }
            if (onlineRows > 0) {
                online(env, work, lastText, onlineRows);
            }
        } finally {
            for (Process process : companions) {
                process.destroy();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** One batch-mode process under /usr/bin/time: user + system CPU seconds, max RSS KiB, elapsed seconds. */
    private static double[] batch(Map<String, String> env, Path work, String runId, String input, int shards, int index)
            throws Exception {
        Process process = batchProcess(env, work, runId, input, shards, index);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("batch mode exited " + process.exitValue() + ": see " + work);
        }
        String[] figures = Files.readString(work.resolve(runId + "-" + index + ".time")).trim().split("\\s+");
        return new double[] {Double.parseDouble(figures[0]) + Double.parseDouble(figures[1]),
            Double.parseDouble(figures[2]), Double.parseDouble(figures[3])};
    }

    private static Process batchProcess(Map<String, String> env, Path work, String runId, String input, int shards,
            int index) throws Exception {
        Map<String, String> settings = new HashMap<>(env);
        settings.putAll(Map.of("PORTFOLIO_RUN_ID", runId, "PORTFOLIO_RUN_INPUT", input,
                "PORTFOLIO_SHARDS", Integer.toString(shards), "JOB_COMPLETION_INDEX", Integer.toString(index),
                "MANAGEMENT_PORT", Integer.toString(RunningService.freePort()),
                "MODEL_CACHE_DIR", work.resolve("cache-" + runId + "-" + index).toString()));
        // PORTFOLIO_BENCH_JAVA_OPTS: the batch process's JVM options, e.g. a pod's memory limit and the
        // chart's heap share ("-XX:MaxRAM=512m -XX:MaxRAMPercentage=60"), as a Job's pod runs it.
        String javaOptions = System.getenv().getOrDefault("PORTFOLIO_BENCH_JAVA_OPTS", "");
        if (!javaOptions.isBlank()) {
            settings.put("JAVA_TOOL_OPTIONS", javaOptions);
        }
        Path folder = Files.createDirectories(work.resolve(runId + "-" + index));
        return PackagedService.startProcess(List.of("/usr/bin/time", "-f", "%U %S %M %e",
                        "-o", work.resolve(runId + "-" + index + ".time").toString(), PackagedService.java(), "-jar",
                        Path.of("target", "credit-score.jar").toAbsolutePath().toString()),
                settings, folder, work.resolve(runId + "-" + index + ".log"));
    }

    /** The predict route for the first lines of the last input: the service's CPU per request. */
    private static void online(Map<String, String> env, Path work, String text, int rows) throws Exception {
        Map<String, String> settings = new HashMap<>(env);
        settings.put("MODEL_CACHE_DIR", work.resolve("cache-online").toString());
        try (PackagedService service = PackagedService.start(Files.createDirectories(work.resolve("online")), settings)) {
            service.await("ready", () -> service.status(service.management("/observe/health/ready")) == 200);
            String[] lines = text.split("\n");
            // Warm-up: other customers, the same mix.
            send(service, lines, 0, Math.min(2000, lines.length), "WARM-");
            long before = cpuTicks(service.pid());
            int answered = send(service, lines, 0, rows, "");
            long ticks = cpuTicks(service.pid()) - before;
            System.out.printf("predict route, %d requests (%d answered 200): %.1f s CPU, %.0f µs per request%n", rows,
                    answered, ticks / (double) TICKS_PER_SECOND, ticks * 1e6 / TICKS_PER_SECOND / rows);
        }
    }

    private static int send(PackagedService service, String[] lines, int from, int count, String prefix) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        AtomicInteger ok = new AtomicInteger();
        List<Future<?>> sent = new ArrayList<>();
        for (int i = from; i < from + count && i < lines.length; i++) {
            String body = lines[i].replace("\"CUS-", "\"" + prefix + "CUS-");
            sent.add(clients.submit(() -> {
                HttpResponse<String> answer = service.send(service.api("/api/v1/predict")
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
                if (answer.statusCode() == 200) {
                    ok.incrementAndGet();
                }
            }));
        }
        for (Future<?> future : sent) {
            future.get();
        }
        clients.shutdown();
        return ok.get();
    }

    /** utime + stime of a process, in clock ticks. */
    private static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
