package com.vpbank.creditscore.api;

import com.vpbank.creditscore.model.Model;
import com.vpbank.creditscore.model.ModelGeneration;
import com.vpbank.creditscore.model.ModelRegistry;
import com.vpbank.creditscore.time.Timestamps;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

/**
 * The answer of {@code GET /health}, rendered from the same checks as readiness: the
 * service's own health checks (the {@link HealthCheck} beans of the registry: {@code models},
 * {@code customer-table}), run through Camel's health check registry as the readiness probe
 * runs them. Healthy when every one of them is UP; otherwise unhealthy, with the reason of
 * each one that is DOWN. The serving models and the challenger's are named from their
 * registries.
 */
public final class ServiceHealth {

    private final ModelRegistry registry;
    private final Optional<ModelRegistry> challenger;

    /** @param challenger the challenger's registry, when a challenger bundle is configured */
    public ServiceHealth(ModelRegistry registry, Optional<ModelRegistry> challenger) {
        this.registry = registry;
        this.challenger = challenger;
    }

    /** Runs the service's readiness checks of the context and reports them. */
    public HealthReport report(CamelContext context) {
        List<HealthCheck> own = context.getRegistry().findByType(HealthCheck.class).stream()
                .filter(HealthCheck::isReadiness)
                .toList();
        Predicate<HealthCheck> notOwn = check -> !own.contains(check);
        // Exposure level "full": every check's result, not only the first or the DOWN ones.
        Collection<HealthCheck.Result> results = HealthCheckHelper.invoke(context,
                check -> Map.of(HealthCheck.CHECK_KIND, HealthCheck.Kind.READINESS), notOwn, "full");
        return render(own, results);
    }

    /**
     * The report of the service's readiness checks.
     *
     * @param checks  the service's readiness checks
     * @param results the results of those of them that are registered with Camel's health
     *                check registry: one that is not is not checked yet, and the service is
     *                not ready
     */
    HealthReport render(Collection<HealthCheck> checks, Collection<HealthCheck.Result> results) {
        List<String> problems = new ArrayList<>();
        for (HealthCheck check : checks) {
            if (results.stream().noneMatch(result -> result.getCheck() == check)) {
                problems.add("The check " + check.getId() + " is not registered yet.");
            }
        }
        for (HealthCheck.Result result : results) {
            if (result.getState() != HealthCheck.State.UP) {
                problems.add(reason(result));
            }
        }
        List<String> names = List.of();
        List<HealthReport.LoadedModel> models = List.of();
        Long generationNumber = null;
        Optional<ModelGeneration> serving = registry.current();
        if (serving.isPresent()) {
            ModelGeneration generation = serving.get();
            generationNumber = generation.number();
            names = List.copyOf(generation.bundle().names());
            models = loadedModels(generation);
        }
        return new HealthReport(problems.isEmpty() ? "healthy" : "unhealthy", names, generationNumber, models,
                problems, challenger.map(ServiceHealth::challengerReport).orElse(null));
    }

    /** What a check that is not UP says is wrong: its reason, else its message, else its name. */
    private static String reason(HealthCheck.Result result) {
        Object reason = result.getDetails().get("reason");
        if (reason != null) {
            return reason.toString();
        }
        return result.getMessage().orElse("The check " + result.getCheck().getId() + " is " + result.getState() + ".");
    }

    private static HealthReport.Challenger challengerReport(ModelRegistry challenger) {
        return challenger.current()
                .map(generation -> new HealthReport.Challenger(List.copyOf(generation.bundle().names()),
                        generation.number(), loadedModels(generation), List.of()))
                .orElseGet(() -> new HealthReport.Challenger(List.of(), null, List.of(),
                        List.of("The challenger bundle is not loaded.")));
    }

    private static List<HealthReport.LoadedModel> loadedModels(ModelGeneration generation) {
        String loadedAt = Timestamps.format(generation.loadedAt());
        return generation.bundle().models().stream()
                .map(Model::config)
                .map(config -> new HealthReport.LoadedModel(config.name(), config.version(), loadedAt))
                .toList();
    }
}
