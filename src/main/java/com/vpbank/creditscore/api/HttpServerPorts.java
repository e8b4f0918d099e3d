package com.vpbank.creditscore.api;

import io.vertx.core.http.HttpServer;
import io.vertx.core.net.impl.TCPServerBase;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Whether each HTTP server of the service holds its port. Vert.x binds a port
 * asynchronously, and when the port is taken Camel's platform-http logs the failure and goes
 * on starting: the service would report ready on its management port while its API answers
 * nothing. A server that does not hold its port stops the start-up, naming the port.
 */
public final class HttpServerPorts {

    private HttpServerPorts() {
    }

    /** Throws when a server (the API's or the management one) is not listening on its port. */
    public static void requireHeld(Iterable<VertxPlatformHttpRouter> routers) {
        for (VertxPlatformHttpRouter router : routers) {
            HttpServer server = router.getServer() == null ? null : router.getServer().getServer();
            if (!isListening(server)) {
                String which = router.isManagementServer() ? "management" : "API";
                String address = router.getServer() == null ? "?" : router.getServer().getHost() + ":"
                        + router.getServer().getConfigurationPort();
                throw new IllegalStateException("The " + which + " port " + address
                        + " could not be taken (already in use, or not allowed); the service stops");
            }
        }
    }

    /**
     * Vert.x (4.5) says whether a server holds its port only on its implementation class: the
     * public {@code actualPort()} is the requested port even when the bind failed.
     */
    private static boolean isListening(HttpServer server) {
        if (server instanceof TCPServerBase tcp) {
            return tcp.isListening();
        }
        return server != null && server.actualPort() > 0;
    }
}
