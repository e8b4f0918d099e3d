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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The real application, started in the test JVM on free ports against a DynamoDB Local
 * server, with its real route files and model bundle; requests go over real HTTP.
 */
public final class RunningService implements AutoCloseable {

    /** The key every request of the tests carries unless a test sends its own; it holds both roles. */
    public static final String TEST_API_KEY = TestSettings.API_KEY;

    private static EmbeddedDynamoDb dynamoDbLocal;

    private final Main main;
    private final int port;
    private final int managementPort;
    private final Map<String, String> settings;
    private final DynamoDbClient dynamo;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper mapper = new ObjectMapper();

    private RunningService(Main main, int port, int managementPort, Map<String, String> settings,
                           DynamoDbClient dynamo) {
        this.main = main;
        this.port = port;
        this.managementPort = managementPort;
        this.settings = Map.copyOf(settings);
        this.dynamo = dynamo;
    }

    /** Starts the service with its own tables and waits until it is ready; {@code settings} override application.properties. */
    public static RunningService start(Map<String, String> settings) {
        RunningService service = startNotWaiting(settings);
        service.awaitReady();
        return service;
    }

    /**
     * Starts the service expecting it to refuse: the exception its start failed with (the
     * service is stopped again). Fails when the service starts.
     */
    public static Exception failedStart(Map<String, String> settings) {
        RunningService started;
        try {
            started = startNotWaiting(settings);
        } catch (IllegalStateException e) {
            return e;
        }
        started.close();
        throw new AssertionError("The service started");
    }

    /** Starts the service with its own tables, without waiting for its model bundle. */
    public static RunningService startNotWaiting(Map<String, String> settings) {
        Map<String, String> properties = TestSettings.forRun();
        properties.putAll(settings);

        Main main = CreditScoreApplication.newMain();
        properties.forEach(main::addOverrideProperty);
        try {
            main.start();
        } catch (Exception e) {
            try {
                main.stop();
            } catch (Exception stopping) {
                e.addSuppressed(stopping);
            }
            throw new IllegalStateException("The service did not start", e);
        }
        return new RunningService(main, Integer.parseInt(properties.get("camel.server.port")),
                Integer.parseInt(properties.get("camel.management.port")), properties, client(URI.create(
                properties.get("creditscore.dynamodb.endpoint"))));
    }

    /** Waits until the readiness check is UP: the model bundle is loaded. */
    public void awaitReady() {
        await("The service did not become ready", () ->
                send(HttpRequest.newBuilder(managementUri("/observe/health/ready")).GET()).statusCode() == 200);
    }

    /** Waits until the challenger bundle is loaded, as /health reports it; it loads beside the champion. */
    public void awaitChallenger() {
        await("The challenger bundle did not load", () ->
                json(get("/health")).path("challenger").has("model_generation"));
    }

    private static void await(String failure, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException(failure);
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
        return EmbeddedDynamoDb.localClient(endpoint);
    }

    public int port() {
        return port;
    }

    public CamelContext camelContext() {
        return main.getCamelContext();
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public String customerTable() {
        return settings.get("creditscore.customer-table");
    }

    public String historyTable() {
        return settings.get("creditscore.history-table");
    }

    public String idempotencyTable() {
        return settings.get("creditscore.idempotency-table");
    }

    public String shadowTable() {
        return settings.get("creditscore.shadow-table");
    }

    /** Every record of the shadow table (created when a challenger is configured). */
    public List<Map<String, AttributeValue>> shadowRecords() {
        return dynamo.scanPaginator(request -> request.tableName(shadowTable()).consistentRead(true))
                .items().stream().toList();
    }

    /** Every item of the service's three tables, to show that a request changed nothing. */
    public List<Map<String, AttributeValue>> allItems() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (String table : List.of(customerTable(), historyTable(), idempotencyTable())) {
            dynamo.scanPaginator(request -> request.tableName(table).consistentRead(true)).items().forEach(items::add);
        }
        return items;
    }

    /** The customer's history records, oldest first. */
    public List<Map<String, AttributeValue>> history(String customerId) {
        return dynamo.queryPaginator(request -> request.tableName(historyTable()).consistentRead(true)
                .keyConditionExpression("customer_id = :id")
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(customerId))))
                .items().stream().toList();
    }

    /** Stores a customer with no prediction, so that the customer is an existing one. */
    public String existingCustomer() {
        String customerId = "CUS-" + UUID.randomUUID();
        dynamo.putItem(request -> request.tableName(customerTable())
                .item(Map.of("customer_id", AttributeValue.fromS(customerId))));
        return customerId;
    }

    /** The customer's item, or an empty map. */
    public Map<String, AttributeValue> customerItem(String customerId) {
        return dynamo.getItem(request -> request.tableName(customerTable()).consistentRead(true)
                .key(Map.of("customer_id", AttributeValue.fromS(customerId)))).item();
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

    public HttpResponse<String> post(String path, String json, String... headers) {
        return send(HttpRequest.newBuilder(uri(path))
                .headers(headers)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Sends a request with the test API key, unless it carries a key of its own. */
    public HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.copy().build();
        if (built.headers().firstValue("Authorization").isEmpty() && built.headers().firstValue("X-API-Key").isEmpty()) {
            request = request.copy().header("Authorization", "Bearer " + TEST_API_KEY);
        }
        return sendAsIs(request);
    }

    /** Sends a request exactly as built: no API key is added. */
    public HttpResponse<String> sendAsIs(HttpRequest.Builder request) {
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
