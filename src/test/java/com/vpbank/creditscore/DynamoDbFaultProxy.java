package com.vpbank.creditscore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy in front of DynamoDB Local that injects faults into the requests of one
 * operation on one table, as a network or DynamoDB itself can produce them:
 * <ul>
 *   <li>{@link Fault#ANSWER_LOST}: the request is applied, and its answer comes too late;</li>
 *   <li>{@link Fault#CONNECTION_DROPPED}: the connection is closed before the request is sent on;</li>
 *   <li>{@link Fault#SERVER_ERROR}: a 500 InternalServerError, not applied;</li>
 *   <li>{@link Fault#THROTTLED}: a 400 ThrottlingException, not applied;</li>
 *   <li>{@link Fault#HELD}: the request waits in the proxy until {@link #sendHeld()}, then goes on
 *       (as a request on the wire when its sender dies).</li>
 * </ul>
 * Every other request passes through unchanged.
 */
public final class DynamoDbFaultProxy implements AutoCloseable {

    public enum Fault { ANSWER_LOST, CONNECTION_DROPPED, SERVER_ERROR, THROTTLED, HELD }

    /** A fault for the next {@code times} requests of {@code operation} (e.g. "PutItem") that write or read {@code table}. */
    private record Injection(String operation, String table, Fault fault, AtomicInteger remaining) {
    }

    private static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI target;
    private final Duration lateBy;
    private final ObjectMapper mapper = new ObjectMapper();
    private final List<Injection> injections = new CopyOnWriteArrayList<>();
    private final AtomicInteger injected = new AtomicInteger();
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch holding = new CountDownLatch(1);

    /** A proxy on a free loopback port to {@code target}; a lost answer arrives {@code lateBy} after the request was applied. */
    public DynamoDbFaultProxy(URI target, Duration lateBy) throws IOException {
        this.target = target;
        this.lateBy = lateBy;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Injects the fault into the next {@code times} matching requests, instead of any earlier injection. */
    public void inject(String operation, String table, Fault fault, int times) {
        injected.set(0);
        injections.clear();
        injections.add(new Injection(operation, table, fault, new AtomicInteger(times)));
    }

    /** Injects a fault into another operation too, beside the current injection. */
    public void injectAlso(String operation, String table, Fault fault, int times) {
        injections.add(new Injection(operation, table, fault, new AtomicInteger(times)));
    }

    /** Waits until a request is held; false if none came within the time. */
    public boolean awaitHeld(Duration within) throws InterruptedException {
        return holding.await(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends the held requests on. */
    public void sendHeld() {
        held.countDown();
    }

    /** Ends the injections; returns how many requests they hit. */
    public int clear() {
        injections.clear();
        return injected.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
        Fault fault = null;
        for (Injection current : injections) {
            if (current.operation().equals(operation) && tables(body).contains(current.table())
                    && current.remaining().getAndDecrement() > 0) {
                fault = current.fault();
                injected.incrementAndGet();
                break;
            }
        }
        try (exchange) {
            if (fault == Fault.CONNECTION_DROPPED) {
                return; // closed without an answer, and never sent on
            }
            if (fault == Fault.SERVER_ERROR) {
                answer(exchange, 500, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\","
                        + "\"message\":\"Internal server error\"}");
                return;
            }
            if (fault == Fault.THROTTLED) {
                answer(exchange, 400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ThrottlingException\","
                        + "\"message\":\"Rate of requests exceeds the allowed throughput.\"}");
                return;
            }
            if (fault == Fault.HELD) {
                holding.countDown();
                held.await();
            }
            HttpResponse<byte[]> response = forward(exchange, body);
            if (fault == Fault.ANSWER_LOST) {
                Thread.sleep(lateBy.toMillis());
            }
            response.headers().map().forEach((name, values) -> {
                if (!RESTRICTED.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // The service gave up on this answer: what a lost answer is.
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().put("Content-Type", List.of("application/x-amz-json-1.0"));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The tables a request names: its TableName, or those of each item of a transaction. */
    private Set<String> tables(byte[] body) {
        Set<String> tables = new HashSet<>();
        try {
            JsonNode request = mapper.readTree(body);
            if (request.has("TableName")) {
                tables.add(request.get("TableName").asText());
            }
            for (JsonNode item : request.path("TransactItems")) {
                for (Map.Entry<String, JsonNode> write : (Iterable<Map.Entry<String, JsonNode>>) item::fields) {
                    tables.add(write.getValue().path("TableName").asText());
                }
            }
        } catch (IOException notJson) {
            // not a DynamoDB request: matches no table
        }
        return tables;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
