package com.vpbank.creditscore;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * DynamoDB Local and an S3-compatible server (S3Mock), each in a process of its own, started
 * from the test class path on free loopback ports, for tests whose service talks to them over
 * the network as it does in production. Their logs go to {@code folder}.
 */
final class CompanionServers implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(120);

    private final List<Process> processes = new ArrayList<>();
    private final int dynamoPort;
    private final int s3Port;
    private final S3Client s3;

    private CompanionServers(int dynamoPort, int s3Port) {
        this.dynamoPort = dynamoPort;
        this.s3Port = s3Port;
        this.s3 = S3Client.builder()
                .endpointOverride(s3Endpoint())
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    /** Starts both, with the bucket given, and waits until each answers. */
    static CompanionServers start(Path folder, String bucket) throws IOException {
        CompanionServers servers = new CompanionServers(RunningService.freePort(), RunningService.freePort());
        String classPath = System.getProperty("java.class.path");
        servers.processes.add(PackagedService.startProcess(List.of(PackagedService.java(),
                "-Djava.library.path=" + Path.of("target/native").toAbsolutePath(),
                "-cp", classPath,
                "com.amazonaws.services.dynamodbv2.local.main.ServerRunner",
                "-inMemory", "-port", Integer.toString(servers.dynamoPort), "-disableTelemetry"),
                Map.of(), Path.of(".").toAbsolutePath(), folder.resolve("dynamodb-local.log")));
        servers.processes.add(PackagedService.startProcess(List.of(PackagedService.java(),
                "-cp", classPath,
                "com.adobe.testing.s3mock.S3MockApplication",
                "--com.adobe.testing.s3mock.httpPort=" + servers.s3Port, "--server.port=" + RunningService.freePort(),
                "--com.adobe.testing.s3mock.store.initialBuckets=" + bucket,
                "--com.adobe.testing.s3mock.store.root=" + folder.resolve("s3"),
                "--com.adobe.testing.s3mock.region=us-east-1",
                "--spring.jmx.enabled=false", "--spring.main.lazy-initialization=true"),
                Map.of(), Path.of(".").toAbsolutePath(), folder.resolve("s3.log")));
        try (DynamoDbClient dynamo = RunningService.client(servers.dynamoEndpoint())) {
            servers.await("DynamoDB Local answers", () -> dynamo.listTables());
        }
        servers.await("S3Mock answers", () -> servers.s3.headBucket(request -> request.bucket(bucket)));
        return servers;
    }

    URI dynamoEndpoint() {
        return URI.create("http://127.0.0.1:" + dynamoPort);
    }

    URI s3Endpoint() {
        return URI.create("http://127.0.0.1:" + s3Port);
    }

    S3Client s3() {
        return s3;
    }

    private void await(String what, Runnable call) {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                call.run();
                return;
            } catch (RuntimeException notYet) {
                last = notYet;
            }
            for (Process process : processes) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("a companion server exited with " + process.exitValue()
                            + " before: " + what);
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("not within " + STARTUP + ": " + what, last);
    }

    @Override
    public void close() throws InterruptedException {
        s3.close();
        for (Process process : processes) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
