package com.vpbank.creditscore;

import org.apache.camel.spi.PropertiesComponent;

/**
 * The settings of the HTTP API.
 *
 * @param serverHost address the API listens on ({@code SERVER_HOST})
 * @param serverPort port of the API ({@code SERVER_PORT})
 * @param httpWorkerThreads threads that run the routes of HTTP requests ({@code HTTP_WORKER_THREADS})
 * @param maxBodySize bytes the HTTP server reads of a body at most
 * @param maxRequestBytes largest request body; larger ones get 413 ({@code MAX_REQUEST_BYTES})
 */
record ApiSettings(String serverHost, int serverPort, int httpWorkerThreads, long maxBodySize, int maxRequestBytes) {

    static ApiSettings from(PropertiesComponent properties) {
        Settings settings = new Settings(properties);
        return new ApiSettings(
                settings.text("camel.server.host"),
                settings.wholeNumber("camel.server.port"),
                settings.wholeNumber("creditscore.http-worker-threads"),
                settings.longNumber("camel.server.max-body-size"),
                settings.wholeNumber("creditscore.max-request-bytes"));
    }
}
