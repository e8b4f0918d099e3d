package com.vpbank.creditscore.api;

import com.vpbank.creditscore.model.ModelBundle;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Header;

/**
 * Checks a request before it is read: a POST body's JSON content type (else 415) and bounded
 * size (else 413), also for an optional body when there is one, and the bundle a model reload
 * names (else 400).
 */
public final class RequestChecks {

    private final int maxBodyBytes;

    public RequestChecks(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    public void requireJsonBody(Exchange exchange) {
        requireJsonBody(exchange, exchange.getMessage().getBody(byte[].class));
    }

    private void requireJsonBody(Exchange exchange, byte[] body) {
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType == null || !isJson(contentType)) {
            throw new ApiException(415, ErrorMessages.NOT_JSON,
                    Map.of("received", contentType == null ? "" : contentType));
        }
        if (body != null && body.length > maxBodyBytes) {
            throw new ApiException(413, ErrorMessages.bodyTooLarge(maxBodyBytes),
                    Map.of("limit_bytes", maxBodyBytes));
        }
    }

    /**
     * For a POST whose body is optional ({@code POST /models/reload}): no body passes, whatever
     * its content type; a body must be JSON and within the size limit, as for
     * {@link #requireJsonBody}.
     */
    public void requireJsonBodyIfAny(Exchange exchange) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        if (body != null && body.length > 0) {
            requireJsonBody(exchange, body);
        }
    }

    /**
     * The bundle {@code POST /models/reload} loads: {@code champion} (the default, the bundle
     * that answers) or {@code challenger} (the one that shadows it), from the query parameter
     * {@code bundle}.
     */
    public String modelBundle(@Header("bundle") String bundle) {
        if (bundle == null || bundle.equals(ModelBundle.CHAMPION)) {
            return ModelBundle.CHAMPION;
        }
        if (bundle.equals(ModelBundle.CHALLENGER)) {
            return ModelBundle.CHALLENGER;
        }
        throw new ApiException(400, "Query parameter 'bundle' must be 'champion' or 'challenger'.", null);
    }

    private static boolean isJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }
}
