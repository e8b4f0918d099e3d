package com.vpbank.creditscore.api;

import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;

/** Checks a POST body before it is read: a JSON content type (else 415) and a bounded size (else 413). */
public final class RequestChecks {

    private final int maxBodyBytes;

    public RequestChecks(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    public void requireJsonBody(Exchange exchange) {
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType == null || !isJson(contentType)) {
            throw new ApiException(415, "Content-Type must be application/json.",
                    Map.of("received", contentType == null ? "" : contentType));
        }
        byte[] body = exchange.getMessage().getBody(byte[].class);
        if (body != null && body.length > maxBodyBytes) {
            throw new ApiException(413, "Request body is larger than " + maxBodyBytes + " bytes.",
                    Map.of("limit_bytes", maxBodyBytes));
        }
    }

    private static boolean isJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }
}
