package com.vpbank.creditscore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vpbank.creditscore.store.EmbeddedDynamoDb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.main.Main;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The real application, started in the test JVM on free ports against a DynamoDB Local
 * server, with its real route files and model bundle; requests go over real HTTP.
 */
public final class RunningService implements AutoCloseable {

    private static EmbeddedDynamoDb dynamoDbLocal;

    private final Main main;
    private final int port;
    private final int managementPort;
    private final String customerTable;
    private final DynamoDbClient dynamo;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper mapper = new ObjectMapper();

    private RunningService(Main main, int port, int managementPort, String customerTable, DynamoDbClient dynamo) {
        this.main = main;
        this.port = port;
        this.managementPort = managementPort;
        this.customerTable = customerTable;
        this.dynamo = dynamo;
    }

    /** Starts the service with its own customer table; {@code settings} override application.properties. */
    public static RunningService start(Map<String, String> settings) {
        URI dynamoEndpoint = dynamoDbLocal().endpoint();
        String table = "customers-" + UUID.randomUUID();
        int port = freePort();
        int managementPort = freePort();
        Map<String, String> properties = new HashMap<>();
        properties.put("camel.server.port", Integer.toString(port));
        properties.put("camel.management.port", Integer.toString(managementPort));
        properties.put("creditscore.dynamodb.endpoint", dynamoEndpoint.toString());
        properties.put("creditscore.dynamodb.create-tables", "true");
        properties.put("creditscore.customer-table", table);
        properties.putAll(settings);

        Main main = CreditScoreApplication.newMain();
        properties.forEach(main::addOverrideProperty);
        try {
            main.start();
        } catch (Exception e) {
            throw new IllegalStateException("The service did not start", e);
        }
        return new RunningService(main, port, managementPort, properties.get("creditscore.customer-table"),
                client(dynamoEndpoint));
    }

    public static RunningService start() {
        return start(Map.of());
    }

    public static synchronized EmbeddedDynamoDb dynamoDbLocal() {
        if (dynamoDbLocal == null) {
            dynamoDbLocal = EmbeddedDynamoDb.start(null, 0, Path.of("target/native"));
        }
        return dynamoDbLocal;
    }

    public static DynamoDbClient client(URI endpoint) {
        return DynamoDbClient.builder()
                .httpClientBuilder(ApacheHttpClient.builder())
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public String customerTable() {
        return customerTable;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public URI managementUri(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public JsonNode json(HttpResponse<String> response) {
        try {
            return mapper.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + response.body(), e);
        }
    }

    @Override
    public void close() {
        try {
            main.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        dynamo.close();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
