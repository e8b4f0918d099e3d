package com.vpbank.creditscore.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The service's own meters, scraped from the management port at {@code /observe/metrics}
 * next to Camel's route and JVM meters. Names are written here once:
 * <ul>
 *   <li>{@code creditscore_http_requests_seconds}: requests by route, method and status;</li>
 *   <li>{@code creditscore_predictions_total}: answered predictions by customer type;</li>
 *   <li>{@code creditscore_model_inference_seconds}: model calls by model and outcome;</li>
 *   <li>{@code creditscore_dynamodb_calls_seconds}: DynamoDB calls by operation and outcome;</li>
 *   <li>{@code creditscore_model_info}: 1 for each serving model, with its version and generation;</li>
 *   <li>{@code creditscore_requests_in_flight}: requests holding a place under the in-flight limit.</li>
 * </ul>
 *
 * <p>No label takes a value a client chose as it is: a route label is a route id of the
 * service, a status one the service answered, and a method one of HTTP's own or {@code other}.
 */
public final class ServiceMetrics {

    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5)};

    private static final MeterRegistry NOTHING = new CompositeMeterRegistry();

    /** The methods HTTP defines (RFC 9110 and PATCH); any other becomes {@link #OTHER_METHOD}. */
    private static final Set<String> HTTP_METHODS = Set.of(
            "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");
    public static final String OTHER_METHOD = "other";

    private final Supplier<MeterRegistry> lookup;
    private final List<Consumer<MeterRegistry>> pending = new ArrayList<>();
    private final List<Meter> modelInfo = new ArrayList<>();
    private volatile MeterRegistry registry;

    /**
     * @param lookup finds the registry that is scraped; it may answer {@code null} until
     *               the metrics service has started, and meters wait for it until then
     */
    public ServiceMetrics(Supplier<MeterRegistry> lookup) {
        this.lookup = lookup;
    }

    /** Meters that record nothing, for code used without a registry. */
    public static ServiceMetrics none() {
        return new ServiceMetrics(() -> NOTHING);
    }

    /** The scraped registry, or one that records nothing while it is not there yet. */
    public MeterRegistry registry() {
        MeterRegistry found = registry;
        if (found != null) {
            return found;
        }
        synchronized (this) {
            if (registry == null) {
                MeterRegistry looked = lookup.get();
                if (looked == null) {
                    return NOTHING;
                }
                pending.forEach(registration -> registration.accept(looked));
                pending.clear();
                registry = looked;
            }
            return registry;
        }
    }

    /** A request's method as a label and a log field: one of HTTP's own methods, else {@code other}. */
    public static String methodName(String method) {
        return method != null && HTTP_METHODS.contains(method) ? method : OTHER_METHOD;
    }

    /**
     * @param route  the id of the route that answered (a fixed set)
     * @param method the request's method, as the client sent it
     */
    public void request(String route, String method, int status, long nanos) {
        timer("creditscore.http.requests", "HTTP requests answered",
                Tags.of("route", route, "method", methodName(method), "status", Integer.toString(status)))
                .record(Duration.ofNanos(nanos));
    }

    public void prediction(String customerType) {
        Counter.builder("creditscore.predictions").description("Predictions answered and stored")
                .tag("customer_type", customerType).register(registry()).increment();
    }

    public void modelInference(String model, String outcome, long nanos) {
        timer("creditscore.model.inference", "Model inference calls",
                Tags.of("model", model, "outcome", outcome)).record(Duration.ofNanos(nanos));
    }

    public void dynamoDbCall(String operation, String outcome, Duration duration) {
        timer("creditscore.dynamodb.calls", "DynamoDB API calls, after the SDK's retries",
                Tags.of("operation", operation, "outcome", outcome)).record(duration);
    }

    /** Replaces the model info series with those of the generation now serving. */
    public synchronized void modelsServing(long generation, List<String[]> nameAndVersion) {
        MeterRegistry registry = registry();
        modelInfo.forEach(registry::remove);
        modelInfo.clear();
        for (String[] model : nameAndVersion) {
            modelInfo.add(Gauge.builder("creditscore.model.info", () -> 1)
                    .description("The serving models: value 1, with name, version and generation as labels")
                    .tags("model", model[0], "version", model[1], "generation", Long.toString(generation))
                    .register(registry));
        }
    }

    public synchronized void inFlight(Supplier<Number> count) {
        Consumer<MeterRegistry> registration = registry -> Gauge.builder("creditscore.requests.in.flight", count)
                .description("Predict and search requests being served").register(registry);
        if (registry != null) {
            registration.accept(registry);
        } else {
            pending.add(registration);
        }
    }

    private Timer timer(String name, String description, Tags tags) {
        return Timer.builder(name).description(description).tags(tags)
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry());
    }
}
