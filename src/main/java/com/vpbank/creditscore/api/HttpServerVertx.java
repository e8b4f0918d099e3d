package com.vpbank.creditscore.api;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.impl.VertxInternal;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The Vert.x instance the HTTP servers (the API's and the management one) run on, bound in the
 * registry where Camel's platform-http looks for one. It is Vert.x itself, except that every
 * HTTP server it creates answers the requests Vert.x cannot decode (a request line over
 * {@link HttpServerErrors#MAX_INITIAL_LINE_BYTES}, headers over
 * {@link HttpServerErrors#MAX_HEADER_BYTES}) through {@link HttpServerErrors}, in the API's JSON
 * error shape, instead of Vert.x's bare 414 and 431.
 *
 * <p>Camel's platform-http creates its HTTP server and starts listening in one step, with no
 * way to configure the server in between; Vert.x reads the invalid-request handler when the
 * server starts listening, so the handler is set as the server is created.
 */
public final class HttpServerVertx {

    private HttpServerVertx() {
    }

    /** A Vert.x instance with these options whose HTTP servers answer invalid requests with {@code invalidRequests}. */
    public static Vertx create(VertxOptions options, Handler<HttpServerRequest> invalidRequests) {
        VertxInternal vertx = (VertxInternal) Vertx.vertx(options);
        return (Vertx) Proxy.newProxyInstance(HttpServerVertx.class.getClassLoader(),
                new Class<?>[] {VertxInternal.class},
                (proxy, method, args) -> {
                    Object result = call(vertx, method, args);
                    if (result instanceof HttpServer server && method.getName().equals("createHttpServer")) {
                        server.invalidRequestHandler(invalidRequests);
                    }
                    return result;
                });
    }

    private static Object call(VertxInternal vertx, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(vertx, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
