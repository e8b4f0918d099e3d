package com.vpbank.creditscore.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vpbank.creditscore.route.RouteProperties;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Called by the response route for every answer: gives the request its id (the client's
 * {@code X-Request-Id} when it is a sensible one, else a new UUID), echoed in the response,
 * writes one JSON line to the {@code creditscore.requests} log, and records the request meters.
 * With tracing on, the line names the request's trace ({@code trace_id}).
 *
 * <p>The line carries no feature value, no score, and no customer id: only the id's keyed
 * hash, the customer type and the model versions used. Nothing the client chose is written as
 * it came: the path is the API path the request matched (none for a request no API path
 * took), and the method one of HTTP's own or {@code other}.
 */
public final class RequestTracking {

    public static final String REQUEST_ID = "X-Request-Id";

    private static final Logger REQUESTS = LoggerFactory.getLogger("creditscore.requests");
    private static final Logger LOG = LoggerFactory.getLogger(RequestTracking.class);
    private static final Pattern SENSIBLE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final ObjectMapper json;
    private final ServiceMetrics metrics;
    private final CustomerIdHashes customerIds;

    public RequestTracking(ObjectMapper json, ServiceMetrics metrics, CustomerIdHashes customerIds) {
        this.json = json;
        this.metrics = metrics;
        this.customerIds = customerIds;
    }

    /**
     * Called by the response route for every answer. An exchange that no HTTP request started
     * (the timer that loads the model bundle, when it fails) is no request: no line, no meter.
     */
    public void respond(Exchange exchange) {
        if (!(exchange.getFromEndpoint() instanceof PlatformHttpEndpoint)) {
            return;
        }
        Message message = exchange.getMessage();
        String requestId = record(
                message.getHeader(REQUEST_ID, String.class),
                message.getHeader(Exchange.HTTP_METHOD, "", String.class),
                apiPath(exchange),
                exchange.getFromRouteId() == null ? "" : exchange.getFromRouteId(),
                message.getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class),
                exchange.getClock().elapsed(),
                message.getBody(),
                customerIdOf(exchange));
        message.setHeader(REQUEST_ID, requestId);
    }

    /**
     * Writes the request's log line and records its meters.
     *
     * @param clientRequestId the client's {@code X-Request-Id}, or {@code null}
     * @param method          the request's method as sent; the line and the meters name it only
     *                        when it is one of HTTP's own
     * @param path            the API path the request matched, or {@code null} for none
     * @param answer          the answer's body before it is written: an {@link AnsweredPrediction} names
     *                        the customer type and the model versions
     * @param customerId      the customer the request is about, when it is known and the
     *                        answer is not a prediction; {@code null} otherwise
     * @return the request id to echo in {@code X-Request-Id}
     */
    public String record(String clientRequestId, String method, String path, String route, int status,
                         long elapsedMillis, Object answer, String customerId) {
        String requestId = clientRequestId != null && SENSIBLE_ID.matcher(clientRequestId).matches()
                ? clientRequestId : UUID.randomUUID().toString();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("request_id", requestId);
        String traceId = TraceIds.current();
        if (traceId != null) {
            line.put("trace_id", traceId);
        }
        line.put("method", ServiceMetrics.methodName(method));
        if (path != null) {
            line.put("path", path);
        }
        line.put("route", route);
        line.put("status", status);
        line.put("duration_ms", elapsedMillis);
        if (answer instanceof AnsweredPrediction prediction && status == 200) {
            line.put("customer", customerIds.hash(prediction.customerId()));
            line.put("customer_type", prediction.customerType());
            line.put("models", modelVersions(prediction.modelOutcomes()));
            metrics.prediction(prediction.customerType());
        } else if (customerId != null) {
            line.put("customer", customerIds.hash(customerId));
        }
        metrics.request(route, method, status, elapsedMillis * 1_000_000L);
        try {
            REQUESTS.info(json.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            LOG.warn("Request log line not written: {}", e.getClass().getSimpleName());
        }
        return requestId;
    }

    private static List<Map<String, String>> modelVersions(List<AnsweredPrediction.ModelOutcome> outcomes) {
        List<Map<String, String>> models = new ArrayList<>();
        for (AnsweredPrediction.ModelOutcome outcome : outcomes) {
            Map<String, String> model = new LinkedHashMap<>();
            model.put("name", outcome.name());
            model.put("version", outcome.version());
            model.put("outcome", outcome.scored() ? "scored" : "failed");
            models.add(model);
        }
        return models;
    }

    /** The customer of the exchange's predict request or search, when it was read. */
    private static String customerIdOf(Exchange exchange) {
        if (exchange.getProperty(RouteProperties.PREDICT_REQUEST) instanceof CustomerRequest request) {
            return request.customerId();
        }
        if (exchange.getProperty(RouteProperties.SEARCH) instanceof CustomerRequest search) {
            return search.customerId();
        }
        return null;
    }

    /**
     * The path of the API route that took the request, as the route declares it; {@code null}
     * for the route that takes any path (what the client sent there may hold an id).
     */
    private static String apiPath(Exchange exchange) {
        return exchange.getFromEndpoint() instanceof PlatformHttpEndpoint endpoint && !endpoint.isMatchOnUriPrefix()
                ? endpoint.getPath() : null;
    }
}
