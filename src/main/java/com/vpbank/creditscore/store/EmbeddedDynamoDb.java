package com.vpbank.creditscore.store;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Amazon's DynamoDB Local, run inside this JVM on a loopback port. With a data folder it
 * keeps its tables in a file there, so a restart loses nothing; without one it keeps them
 * in memory.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDynamoDb.class);

    private final DynamoDBProxyServer server;
    private final int port;

    private EmbeddedDynamoDb(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Whether DynamoDB Local is on the class path (developer builds, not the production image). */
    public static boolean isAvailable() {
        try {
            Class.forName("com.amazonaws.services.dynamodbv2.local.main.ServerRunner", false,
                    EmbeddedDynamoDb.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * Starts DynamoDB Local.
     *
     * @param dataDir   folder for the database file, or {@code null} to keep data in memory
     * @param port      port to listen on, 0 for a free one
     * @param nativeDir folder holding the sqlite4java native library DynamoDB Local needs
     */
    public static EmbeddedDynamoDb start(Path dataDir, int port, Path nativeDir) {
        System.setProperty("sqlite4java.library.path", nativeDir.toAbsolutePath().toString());
        int chosen = port == 0 ? freePort() : port;
        try {
            String[] args;
            if (dataDir == null) {
                args = new String[] {"-inMemory", "-sharedDb", "-disableTelemetry", "-port", Integer.toString(chosen)};
            } else {
                Files.createDirectories(dataDir);
                args = new String[] {"-sharedDb", "-disableTelemetry", "-dbPath", dataDir.toAbsolutePath().toString(),
                    "-port", Integer.toString(chosen)};
            }
            DynamoDBProxyServer server = withStandardOutputToDebugLog(() -> {
                DynamoDBProxyServer created = ServerRunner.createServerFromCommandLineArgs(args);
                created.start();
                return created;
            });
            LOG.info("DynamoDB Local listening on 127.0.0.1:{} ({})", chosen,
                    dataDir == null ? "in memory" : "data in " + dataDir);
            return new EmbeddedDynamoDb(server, chosen);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local failed to start: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code start} with what it prints on standard output (DynamoDB Local prints its
     * configuration there as it starts) sent to this class's log at debug level instead. The
     * service's own log appenders keep the standard output they were given.
     */
    private static <T> T withStandardOutputToDebugLog(Callable<T> start) throws Exception {
        PrintStream standardOutput = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            return start.call();
        } finally {
            System.setOut(standardOutput);
            String text = printed.toString(StandardCharsets.UTF_8).strip();
            if (!text.isEmpty()) {
                LOG.debug("DynamoDB Local printed: {}", text.replaceAll("\\s+", " "));
            }
        }
    }

    /** A client for DynamoDB Local at this endpoint, with its placeholder credentials: for tests and tools. */
    public static DynamoDbClient localClient(URI endpoint) {
        return DynamoDbClient.builder()
                .httpClientBuilder(ApacheHttpClient.builder())
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("DynamoDB Local did not stop cleanly: {}", e.getMessage());
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
