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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The service's own meters, scraped from the management port at {@code /observe/metrics}
 * next to Camel's route and JVM meters. Names are written here once:
 * <ul>
 *   <li>{@code creditscore_http_requests_seconds}: requests by route, method and status;</li>
 *   <li>{@code creditscore_predictions_total}: answered predictions by customer type;</li>
 *   <li>{@code creditscore_model_inference_seconds}: model calls by model, call ({@code score} or
 *       {@code reasons}) and outcome;</li>
 *   <li>{@code creditscore_dynamodb_calls_seconds}: DynamoDB calls by operation and outcome;</li>
 *   <li>{@code creditscore_model_info}: 1 for each serving model of the champion and the challenger
 *       bundle, with its version and generation;</li>
 *   <li>{@code creditscore_requests_in_flight}: requests holding a place under the in-flight limit;</li>
 *   <li>{@code creditscore_shadow_requests_total}: requests shadowed by the challenger, by outcome;</li>
 *   <li>{@code creditscore_shadow_inference_seconds}: challenger model calls by model and outcome;</li>
 *   <li>{@code creditscore_drift_psi}: PSI of each model's score and features over the drift window.</li>
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
    private final Map<String, List<Meter>> modelInfo = new HashMap<>();
    private final Map<String, List<Meter>> drift = new HashMap<>();
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

    /** The calls that score a row. */
    public static final String SCORE_CALL = "score";
    /** The calls that compute a row's attributions for reason codes. */
    public static final String REASONS_CALL = "reasons";

    public void modelInference(String model, String call, String outcome, long nanos) {
        timer("creditscore.model.inference", "Model inference calls",
                Tags.of("model", model, "call", call, "outcome", outcome)).record(Duration.ofNanos(nanos));
    }

    public void dynamoDbCall(String operation, String outcome, Duration duration) {
        timer("creditscore.dynamodb.calls", "DynamoDB API calls, after the SDK's retries",
                Tags.of("operation", operation, "outcome", outcome)).record(duration);
    }

    /** Capacity units a DynamoDB call consumed on one table (read or write units, as its operation spends). */
    public void dynamoDbCapacity(String table, String operation, double units) {
        Counter.builder("creditscore.dynamodb.capacity.units")
                .description("DynamoDB capacity units consumed, by table and operation (reads in read units, writes in"
                        + " write units; a transaction's items at twice their size)")
                .tags("table", table, "operation", operation).register(registry()).increment(units);
    }

    /** Replaces the model info series of a bundle (champion or challenger) with those of the generation now serving. */
    public synchronized void modelsServing(String bundle, long generation, List<String[]> nameAndVersion) {
        MeterRegistry registry = registry();
        List<Meter> series = replace(modelInfo, bundle, registry);
        for (String[] model : nameAndVersion) {
            series.add(Gauge.builder("creditscore.model.info", () -> 1)
                    .description("The serving models: value 1, with bundle, name, version and generation as labels")
                    .tags("bundle", bundle, "model", model[0], "version", model[1],
                            "generation", Long.toString(generation))
                    .register(registry));
        }
    }

    /**
     * Replaces the drift gauges of a bundle with one per model and variable (its score and each
     * feature with a reference), whose value {@code psi} reads when scraped.
     */
    public synchronized void driftServing(String bundle, Map<String, List<String>> variables,
                                          BiFunction<String, String, Double> psi) {
        MeterRegistry registry = registry();
        List<Meter> series = replace(drift, bundle, registry);
        variables.forEach((model, names) -> names.forEach(variable -> series.add(
                Gauge.builder("creditscore.drift.psi", () -> psi.apply(model, variable))
                        .description("Population stability index of a model's score or feature over the drift window,"
                                + " against the bundle's reference.json; NaN while the window is empty")
                        .tags("bundle", bundle, "model", model, "variable", variable)
                        .register(registry))));
    }

    /** A request the challenger shadowed, or could not: compared, challenger_failed, dropped, error. */
    public void shadowRequest(String outcome) {
        Counter.builder("creditscore.shadow.requests").description("Requests shadowed by the challenger, by outcome")
                .tag("outcome", outcome).register(registry()).increment();
    }

    public void shadowInference(String model, String outcome, long nanos) {
        timer("creditscore.shadow.inference", "Challenger model calls",
                Tags.of("model", model, "outcome", outcome)).record(Duration.ofNanos(nanos));
    }

    private static List<Meter> replace(Map<String, List<Meter>> meters, String key, MeterRegistry registry) {
        List<Meter> previous = meters.remove(key);
        if (previous != null) {
            previous.forEach(registry::remove);
        }
        List<Meter> series = new ArrayList<>();
        meters.put(key, series);
        return series;
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
