package com.vpbank.creditscore.inference;

import com.vpbank.creditscore.observe.ServiceMetrics;
import com.vpbank.creditscore.route.RouteProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.apache.camel.Exchange;

/**
 * The meters of the inference endpoint, scraped with the service's others:
 * <ul>
 *   <li>{@code creditscore_inference_requests_seconds}: infer requests by model, bundle
 *       ({@code champion}, {@code challenger} or {@code none}) and outcome;</li>
 *   <li>{@code creditscore_inference_rows_total}: rows scored, by model and bundle;</li>
 *   <li>{@code creditscore_inference_model_seconds}: the model calls (scores and reasons) of a request.</li>
 * </ul>
 * The model label is a served model's name or {@code unknown}: never a name as the client
 * sent it. The outcome is one of a fixed set, from the answer's status.
 */
public final class InferenceMetrics {

    private final ServiceMetrics metrics;
    private final InferenceModels models;

    public InferenceMetrics(ServiceMetrics metrics, InferenceModels models) {
        this.metrics = metrics;
        this.models = models;
    }

    /** The rows of a request that scored, and how long its model calls took. */
    public void rows(ServedModel served, int rows, long nanos) {
        Counter.builder("creditscore.inference.rows").description("Rows scored on the inference endpoint")
                .tags("model", served.name(), "bundle", served.bundle()).register(metrics.registry()).increment(rows);
        Timer.builder("creditscore.inference.model").description("Model calls of an inference request")
                .tags("model", served.name(), "bundle", served.bundle()).register(metrics.registry())
                .record(Duration.ofNanos(nanos));
    }

    /** Called when an infer request is answered, whatever its answer. */
    public void answered(Exchange exchange) {
        Object resolved = exchange.getProperty(RouteProperties.INFERENCE_MODEL);
        String model;
        String bundle;
        if (resolved instanceof ServedModel served) {
            model = served.name();
            bundle = served.bundle();
        } else {
            model = models.label(exchange.getMessage().getHeader(InferenceModels.NAME, String.class));
            bundle = "none";
        }
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
        Timer.builder("creditscore.inference.requests").description("Infer requests answered")
                .tags("model", model, "bundle", bundle, "outcome", outcome(status))
                .publishPercentileHistogram(false)
                .register(metrics.registry())
                .record(Duration.ofNanos(exchange.getClock().elapsed() * 1_000_000L));
    }

    /** The outcome label of a status: a fixed set. */
    static String outcome(int status) {
        return switch (status) {
            case 200 -> "success";
            case 400, 413, 415 -> "invalid";
            case 401, 403 -> "refused";
            case 404 -> "not_found";
            case 503 -> "unavailable";
            default -> "error";
        };
    }
}
