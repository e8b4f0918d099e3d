package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests the HTTP server refuses before any route runs, and paths no route takes: JSON errors,
 * one request log line each, no raw path in any log line and nothing logged at ERROR.
 */
class HttpServerErrorsTest {

    private static final String ID_IN_PATH = "CUS-IN-PATH-4711";

    private static RunningService service;
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeAll
    static void start() {
        service = RunningService.start();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void anUnknownPathIsAnsweredButNotLogged() throws IOException {
        HttpResponse<String> unknown;
        HttpResponse<String> underAnApiPath;
        List<LogCapture.Line> lines;
        try (LogCapture capture = new LogCapture()) {
            unknown = service.get("/customers/" + ID_IN_PATH + "/profile");
            underAnApiPath = service.send(HttpRequest.newBuilder(service.uri("/api/v1/predict/" + ID_IN_PATH)).GET());
            lines = capture.lines();
        }

        assertEquals(404, unknown.statusCode(), unknown.body());
        assertEquals(404, underAnApiPath.statusCode(), underAnApiPath.body());
        assertTrue(service.json(unknown).has("error"));
        for (LogCapture.Line line : lines) {
            assertFalse(line.text().contains(ID_IN_PATH), "the path is logged: " + line);
        }
        List<String> requestLines = lines.stream().filter(LogCapture.Line::isRequestLine).map(LogCapture.Line::text).toList();
        assertEquals(2, requestLines.size(), requestLines.toString());
        JsonNode line = mapper.readTree(requestLines.get(0));
        assertEquals("unmatched-request", line.get("route").asText());
        assertEquals(404, line.get("status").asInt());
        assertEquals("GET", line.get("method").asText());
        assertFalse(line.has("path"), line.toString());
    }

    @Test
    void aBodyOverTheServersLimitIsAJson413LoggedBelowError() throws IOException {
        byte[] body = new byte[1_100_000];
        java.util.Arrays.fill(body, (byte) ' ');
        HttpResponse<String> response;
        List<LogCapture.Line> lines;
        try (LogCapture capture = new LogCapture()) {
            response = service.send(HttpRequest.newBuilder(service.uri("/api/v1/predict"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
            lines = capture.lines();
        }

        assertEquals(413, response.statusCode(), response.body());
        assertEquals("application/json; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
        JsonNode error = service.json(response);
        assertEquals("Request body is larger than 1048576 bytes.", error.get("error").asText());
        assertEquals(1048576, error.at("/details/limit_bytes").asInt());
        assertTrue(response.headers().firstValue("X-Request-Id").isPresent());
        assertNothingAtError(lines);
        assertOneRequestLine(lines, 413);
    }

    @Test
    void aRequestWithoutHostIsAJson400LoggedBelowError() throws IOException {
        RawAnswer answer;
        List<LogCapture.Line> lines;
        try (LogCapture capture = new LogCapture()) {
            answer = raw("GET /health HTTP/1.1\r\n\r\n");
            lines = capture.lines();
        }

        assertEquals(400, answer.status(), answer.toString());
        assertEquals("application/json; charset=utf-8", answer.headers().get("content-type"));
        assertTrue(mapper.readTree(answer.body()).get("error").asText().contains("Host header"), answer.body());
        assertNothingAtError(lines);
        assertOneRequestLine(lines, 400);
    }

    @Test
    void aQueryThatIsNotPercentEncodingIsAJson400LoggedBelowError() throws IOException {
        RawAnswer answer;
        List<LogCapture.Line> lines;
        try (LogCapture capture = new LogCapture()) {
            answer = raw("GET /api/v1/search?customer_id=%ZZ HTTP/1.1\r\nHost: localhost\r\n\r\n");
            lines = capture.lines();
        }

        assertEquals(400, answer.status(), answer.toString());
        assertTrue(mapper.readTree(answer.body()).has("error"), answer.body());
        assertNothingAtError(lines);
    }

    @Test
    void aTargetOverTheServersLimitIsAJson414LoggedBelowError() throws IOException {
        RawAnswer answer;
        List<LogCapture.Line> lines;
        try (LogCapture capture = new LogCapture()) {
            answer = raw("GET /api/v1/search?customer_id=" + "A".repeat(5000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            lines = capture.lines();
        }

        assertEquals(414, answer.status(), answer.toString());
        assertEquals("application/json; charset=utf-8", answer.headers().get("content-type"));
        JsonNode error = mapper.readTree(answer.body());
        assertEquals("The request target is too long.", error.get("error").asText());
        assertEquals(4096, error.at("/details/limit_bytes").asInt());
        assertTrue(answer.headers().containsKey("x-request-id"), answer.toString());
        assertNothingAtError(lines);
        assertOneRequestLine(lines, 414);
    }

    /** An API key of 100 KB is over the server's header limit: a JSON 431, not a bare one. */
    @Test
    void headersOverTheServersLimitAreAJson431LoggedBelowError() throws IOException {
        RawAnswer answer;
        List<LogCapture.Line> lines;
        try (LogCapture capture = new LogCapture()) {
            answer = raw("GET /api/v1/search?customer_id=CUS-1 HTTP/1.1\r\nHost: localhost\r\n"
                    + "X-API-Key: " + "k".repeat(100_000) + "\r\n\r\n");
            lines = capture.lines();
        }

        assertEquals(431, answer.status(), answer.toString());
        assertEquals("application/json; charset=utf-8", answer.headers().get("content-type"));
        JsonNode error = mapper.readTree(answer.body());
        assertEquals("The request headers are too large.", error.get("error").asText());
        assertEquals(8192, error.at("/details/limit_bytes").asInt());
        assertTrue(answer.headers().containsKey("x-request-id"), answer.toString());
        for (LogCapture.Line line : lines) {
            assertFalse(line.text().contains("kkkkkkkk"), "the header is logged: " + line.level());
        }
        assertNothingAtError(lines);
        assertOneRequestLine(lines, 431);
    }

    /** A client that closes its connection, or resets it, halfway through a body it announced. */
    @Test
    void aClientThatAbortsItsBodyIsNotAnError() throws Exception {
        String head = "POST /api/v1/predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Authorization: Bearer " + RunningService.TEST_API_KEY + "\r\nContent-Length: 100\r\n\r\n"
                + "{\"customer_id\":";
        List<LogCapture.Line> lines;
        try (LogCapture capture = new LogCapture()) {
            try (Socket closed = new Socket("127.0.0.1", service.port())) {
                closed.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
                closed.getOutputStream().flush();
                Thread.sleep(300);
            }
            try (Socket reset = new Socket("127.0.0.1", service.port())) {
                reset.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
                reset.getOutputStream().flush();
                Thread.sleep(300);
                reset.setSoLinger(true, 0);
            }
            Thread.sleep(1500);
            lines = capture.lines();
        }

        assertNothingAtError(lines);
        // and the server still answers
        assertEquals(200, service.get("/api/v1/search?customer_id=CUS-AFTER-ABORT").statusCode());
    }

    /**
     * Vert.x answers an HTTP version it does not speak with a bare 501 and closes the connection
     * before any handler of the server runs, so this one is not JSON; it is not an ERROR either.
     */
    @Test
    void anHttpVersionVertxDoesNotSpeakIsItsBare501() throws IOException {
        RawAnswer answer;
        List<LogCapture.Line> lines;
        try (LogCapture capture = new LogCapture()) {
            answer = raw("GET /health HTTP/1.2\r\nHost: localhost\r\n\r\n");
            lines = capture.lines();
        }

        assertEquals(501, answer.status(), answer.toString());
        assertEquals("", answer.body());
        assertNothingAtError(lines);
    }

    private static void assertNothingAtError(List<LogCapture.Line> lines) {
        for (LogCapture.Line line : lines) {
            assertTrue(line.level().isLessSpecificThan(Level.WARN), "logged at " + line.level() + ": " + line.text());
        }
    }

    private void assertOneRequestLine(List<LogCapture.Line> lines, int status) throws IOException {
        List<String> requestLines = lines.stream().filter(LogCapture.Line::isRequestLine).map(LogCapture.Line::text).toList();
        assertEquals(1, requestLines.size(), requestLines.toString());
        JsonNode line = mapper.readTree(requestLines.get(0));
        assertEquals("http-server", line.get("route").asText());
        assertEquals(status, line.get("status").asInt());
        assertFalse(line.has("path"), line.toString());
    }

    /** An answer read off the socket: status, headers with lower-case names, body. */
    private record RawAnswer(int status, Map<String, String> headers, String body) {
    }

    /** Sends bytes as they are, for requests an HTTP client will not send, and reads one answer. */
    private static RawAnswer raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", service.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int next = in.read();
                if (next < 0) {
                    break;
                }
                head.write(next);
            }
            String[] headLines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            int status = Integer.parseInt(headLines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < headLines.length; i++) {
                int colon = headLines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(headLines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            headLines[i].substring(colon + 1).trim());
                }
            }
            byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
            return new RawAnswer(status, headers, new String(body, StandardCharsets.UTF_8));
        }
    }
}
