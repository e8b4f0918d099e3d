package com.vpbank.creditscore.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vpbank.creditscore.observe.RequestTracking;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the HTTP server answers itself, before any route runs, in the API's JSON error shape:
 * <ul>
 *   <li>requests it refuses (an HTTP/1.1 request without {@code Host}, a body over
 *       {@code camel.server.max-body-size}, a target that is not a path, a query that is not
 *       valid percent-encoding), as client errors
 *       logged on the request log like any other answer, not as "Unhandled exception in
 *       router" at ERROR, which is what Vert.x Web logs when its router has no error handler
 *       for the status;</li>
 *   <li>requests Vert.x cannot decode: a request line (method, target, version) over
 *       {@value #MAX_INITIAL_LINE_BYTES} bytes gets 414, headers over {@value #MAX_HEADER_BYTES}
 *       bytes get 431, anything else malformed 400; the connection is closed after the answer
 *       (through {@link HttpServerVertx}, which sets {@link #invalidRequest} on each server);</li>
 *   <li>a client that closes or resets its connection before its request is answered: logged
 *       at DEBUG, with nothing to answer;</li>
 *   <li>every request that comes once the service is stopping: 503 with {@code Retry-After},
 *       where the suspended routes would answer an empty 503 and, once stopped, Vert.x's HTML
 *       404. Requests already in a route finish as usual.</li>
 * </ul>
 *
 * <p>The error answers live on the server's root Vert.x router: the host check and the body
 * limit fail the request there, and only that router's error handlers see them. Vert.x Web's
 * body handler fails a request whose client went away with the status 200, so that status has
 * a handler too. Camel's platform-http binds
 * the router its routes use (a sub-router) by name; the root one is the HTTP server's request
 * handler.
 *
 * <p>HTTP versions other than 1.0, 1.1 and 2 are not covered: Vert.x answers them with a bare
 * 501 and closes the connection before any handler of the server is called.
 *
 * <p>Over 200 lines because every answer the server gives outside the routes is here, so
 * that none of them is missed.
 */
public final class HttpServerErrors {

    /** The route name these answers have on the request log and in the request meters. */
    public static final String ROUTE = "http-server";

    /** Seconds a client is asked to wait before it sends a request again during a shutdown. */
    public static final int RETRY_AFTER_SECONDS = 1;

    /** The longest request line the HTTP server reads (Vert.x's default). */
    public static final int MAX_INITIAL_LINE_BYTES = 4096;

    /** The most bytes of headers the HTTP server reads (Vert.x's default). */
    public static final int MAX_HEADER_BYTES = 8192;

    private static final Logger LOG = LoggerFactory.getLogger(HttpServerErrors.class);

    private final ObjectMapper json;
    private final RequestTracking tracking;
    private final long maxBodyBytes;

    public HttpServerErrors(ObjectMapper json, RequestTracking tracking, long maxBodyBytes) {
        this.json = json;
        this.tracking = tracking;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Installs the error answers on the root router of every platform-http server, and on the
     * API server, the answer to requests that come while {@code stopping} holds.
     */
    public void install(Iterable<VertxPlatformHttpRouter> routers, BooleanSupplier stopping) {
        for (VertxPlatformHttpRouter platformRouter : routers) {
            Router root = rootRouter(platformRouter);
            if (root == null) {
                LOG.warn("The root router of HTTP server {} is not reachable: its own errors stay as Vert.x answers them",
                        platformRouter.getName());
                continue;
            }
            for (int status : new int[] {400, 404, 405, 413, 414, 415, 431, 500, 501, 503}) {
                root.errorHandler(status, context -> refuse(context, status));
            }
            // A failure without a status, such as a client gone while its body is read.
            root.errorHandler(200, context -> refuse(context, 500));
            if (!platformRouter.isManagementServer()) {
                root.route().order(Integer.MIN_VALUE).handler(context -> {
                    if (stopping.getAsBoolean()) {
                        context.response().putHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
                        // The connection closes after this answer, so that no idle connection is
                        // open when the server closes its connections at the end of the shutdown:
                        // the client's next request opens a new one (503 again, or refused once
                        // the server stopped listening: a failure that says nothing was sent).
                        context.response().putHeader("Connection", "close");
                        // Before any route ran: the tables hold nothing of the request.
                        answer(context, 503, "The service is shutting down; send the request again.",
                                ErrorResponse.NOTHING_STORED);
                    } else {
                        context.next();
                    }
                });
            }
        }
    }

    private static Router rootRouter(VertxPlatformHttpRouter platformRouter) {
        if (platformRouter.getServer() == null) {
            return null;
        }
        HttpServer server = platformRouter.getServer().getServer();
        Handler<HttpServerRequest> handler = server == null ? null : server.requestHandler();
        return handler instanceof Router root ? root : null;
    }

    /**
     * Answers a request Vert.x could not decode. Its headers may be incomplete, and for a
     * request line over the limit, its method and target are not known.
     */
    public void invalidRequest(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        int status;
        String method = request.method().name();
        Object details = null;
        if (cause instanceof TooLongHttpLineException) {
            status = 414;
            method = null;
            details = Map.of("limit_bytes", MAX_INITIAL_LINE_BYTES);
        } else if (cause instanceof TooLongHttpHeaderException) {
            status = 431;
            details = Map.of("limit_bytes", MAX_HEADER_BYTES);
        } else {
            status = 400;
        }
        LOG.debug("The HTTP server could not decode a request ({}): {}", status,
                cause == null ? "" : cause.getClass().getSimpleName());
        request.response().putHeader("Connection", "close");
        answer(request, method, status, message(status), details);
    }

    private void refuse(RoutingContext context, int status) {
        Throwable failure = context.failure();
        if (clientGone(context, failure)) {
            LOG.debug("The client closed its connection before its request was answered: {}", failure.toString());
            return;
        }
        if (status >= 500 && failure != null) {
            LOG.error("The HTTP server failed a request", failure);
        } else if (failure != null) {
            LOG.debug("The HTTP server refused a request ({}): {}", status, failure.getMessage());
        }
        Object details = switch (status) {
            case 413 -> Map.of("limit_bytes", maxBodyBytes);
            case 414 -> Map.of("limit_bytes", MAX_INITIAL_LINE_BYTES);
            case 431 -> Map.of("limit_bytes", MAX_HEADER_BYTES);
            case 503 -> ErrorResponse.NOTHING_STORED;
            default -> null;
        };
        answer(context, status, message(status), details);
    }

    private String message(int status) {
        return switch (status) {
            case 400 -> "The request is malformed: an HTTP/1.1 request needs a Host header, and its path and query "
                    + "valid percent-encoding.";
            case 404 -> "No resource at this path.";
            case 405 -> "Method not allowed on this path.";
            case 413 -> ErrorMessages.bodyTooLarge(maxBodyBytes);
            case 414 -> "The request target is too long.";
            case 415 -> ErrorMessages.NOT_JSON;
            case 431 -> "The request headers are too large.";
            case 501 -> "Not implemented.";
            case 503 -> "The service is unavailable; try again later.";
            default -> ErrorMessages.FAILED;
        };
    }

    /** A connection the client closed or reset: nothing can be answered, and nothing failed on this side. */
    private static boolean clientGone(RoutingContext context, Throwable failure) {
        return failure instanceof HttpClosedException || failure instanceof IOException
                || (failure != null && context.response().closed());
    }

    private void answer(RoutingContext context, int status, String message, Object details) {
        answer(context.request(), context.request().method().name(), status, message, details);
    }

    private void answer(HttpServerRequest request, String method, int status, String message, Object details) {
        HttpServerResponse response = request.response();
        if (response.ended() || response.closed()) {
            return;
        }
        byte[] body;
        try {
            body = json.writeValueAsBytes(new ErrorResponse(status, message, details));
        } catch (JsonProcessingException e) {
            body = ("{\"error\":\"" + ErrorMessages.FAILED + "\"}").getBytes(StandardCharsets.UTF_8);
        }
        String requestId = tracking.record(request.getHeader(RequestTracking.REQUEST_ID), method,
                null, ROUTE, status, 0, null, null);
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader(RequestTracking.REQUEST_ID, requestId)
                .end(Buffer.buffer(body));
    }
}
