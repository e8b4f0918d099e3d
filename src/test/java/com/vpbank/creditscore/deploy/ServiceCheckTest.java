package com.vpbank.creditscore.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ServiceCheck against a real HTTP server on a loopback port. */
class ServiceCheckTest {

    private HttpServer server;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        answer("/health", 200, "{\"status\":\"healthy\"}");
        answer("/observe/health/ready", 200, "{\"status\":\"UP\"}");
        answer("/down", 503, "{\"status\":\"DOWN\"}");
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void succeedsWhenEveryUrlAnswers2xx() {
        assertEquals(0, ServiceCheck.check(List.of(url("/health"), url("/observe/health/ready")), out));
        assertTrue(output().contains("ok   " + url("/health") + " 200 {\"status\":\"healthy\"}"), output());
    }

    @Test
    void failsWhenOneUrlAnswersAnError() {
        assertEquals(1, ServiceCheck.check(List.of(url("/health"), url("/down")), out));
        assertTrue(output().contains("FAIL " + url("/down") + " 503"), output());
    }

    @Test
    void failsWhenNothingListens() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI refused = URI.create("http://127.0.0.1:" + closedPort + "/health");

        assertEquals(1, ServiceCheck.check(List.of(refused), out));
        assertTrue(output().startsWith("FAIL " + refused), output());
    }

    @Test
    void refusesToRunWithoutAUrl() {
        assertEquals(2, ServiceCheck.check(List.of(), out));
    }

    private void answer(String path, int status, String body) {
        server.createContext(path, exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream response = exchange.getResponseBody()) {
                response.write(bytes);
            }
        });
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }
}
