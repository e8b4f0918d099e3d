package com.vpbank.creditscore.observe;

import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import io.vertx.core.http.HttpMethod;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MicroProfile Health on the management port: {@code <health-path>} (all checks),
 * {@code <health-path>/live} and {@code <health-path>/ready}, each in MicroProfile Health's
 * JSON ({@code status}, {@code checks[]} with {@code name}, {@code status}, {@code data}),
 * 200 when UP and 503 when DOWN.
 *
 * <p>The checks are Camel's (the context, the routes, the consumers, and the service's own
 * such as {@code models}): camel-microprofile-health's health check registry registers each
 * of them with SmallRye Health as it is registered with Camel. Camel Main's management
 * server (camel-platform-http-main 4.18) serves only Camel's own health JSON, so these
 * paths are added to its router, and its own health endpoint is switched off
 * ({@code camel.management.health-check-enabled = false}). They are added once Camel has
 * fully started, when every check is registered: until then the paths answer 404, which a
 * probe counts as a failure, never an UP that leaves a check out.
 *
 * <p>{@code <health-path>} lists each check once, though SmallRye Health lists a check that is
 * both a liveness and a readiness check (Camel's {@code context}) in each group. Each path
 * answers {@code HEAD} as {@code GET}, with the same status and no body.
 */
public final class MicroProfileHealthEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(MicroProfileHealthEndpoints.class);

    private final SmallRyeHealthReporter reporter = new SmallRyeHealthReporter();
    private final String healthPath;

    public MicroProfileHealthEndpoints(String healthPath) {
        this.healthPath = healthPath;
    }

    /** Adds the health paths to the management server's router, among the service's HTTP routers. */
    public void install(Iterable<VertxPlatformHttpRouter> routers) {
        for (VertxPlatformHttpRouter router : routers) {
            if (router.isManagementServer()) {
                serve(router, healthPath, () -> eachCheckOnce(reporter.getHealth()));
                serve(router, healthPath + "/live", reporter::getLiveness);
                serve(router, healthPath + "/ready", reporter::getReadiness);
                return;
            }
        }
        LOG.warn("No management server: liveness and readiness are not served");
    }

    private static void serve(VertxPlatformHttpRouter router, String path, Supplier<SmallRyeHealth> report) {
        // The checks may block (a check can call out), so they run on a worker thread.
        router.route(path).method(HttpMethod.GET).method(HttpMethod.HEAD).blockingHandler(context -> {
            SmallRyeHealth health = report.get();
            context.response()
                    .setStatusCode(health.isDown() ? 503 : 200)
                    .putHeader("Content-Type", "application/json");
            if (context.request().method() == HttpMethod.HEAD) {
                context.response().end();
            } else {
                context.response().end(health.getPayload().toString());
            }
        }, false);
    }

    /** The report with each check once, by name; of two with the same name, a DOWN one wins. */
    static SmallRyeHealth eachCheckOnce(SmallRyeHealth health) {
        JsonObject payload = health.getPayload();
        Map<String, JsonObject> byName = new LinkedHashMap<>();
        for (JsonValue value : payload.getJsonArray("checks")) {
            JsonObject check = value.asJsonObject();
            String name = check.getString("name");
            if (!byName.containsKey(name) || "DOWN".equals(check.getString("status"))) {
                byName.put(name, check);
            }
        }
        JsonArrayBuilder checks = Json.createArrayBuilder();
        byName.values().forEach(checks::add);
        return new SmallRyeHealth(Json.createObjectBuilder(payload).add("checks", checks).build());
    }
}
