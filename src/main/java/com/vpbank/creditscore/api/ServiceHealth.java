package com.vpbank.creditscore.api;

import com.vpbank.creditscore.model.Model;
import com.vpbank.creditscore.model.ModelGeneration;
import com.vpbank.creditscore.model.ModelRegistry;
import com.vpbank.creditscore.time.Timestamps;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reports whether the service can answer: every model loaded and the customer table
 * answering. The health route asks the table and tells this class the outcome.
 */
public final class ServiceHealth {

    private final ModelRegistry registry;
    private final Optional<ModelRegistry> challenger;

    /** @param challenger the challenger's registry, when a challenger bundle is configured */
    public ServiceHealth(ModelRegistry registry, Optional<ModelRegistry> challenger) {
        this.registry = registry;
        this.challenger = challenger;
    }

    public HealthReport tableAnswered() {
        return report(true);
    }

    public HealthReport tableFailed() {
        return report(false);
    }

    private HealthReport report(boolean tableAnswers) {
        List<String> problems = new ArrayList<>();
        List<String> names = List.of();
        List<HealthReport.LoadedModel> models = List.of();
        Optional<ModelGeneration> serving = registry.current();
        Long generationNumber = null;
        if (serving.isPresent()) {
            ModelGeneration generation = serving.get();
            generationNumber = generation.number();
            names = List.copyOf(generation.bundle().names());
            models = loadedModels(generation);
        } else {
            problems.add("The model bundle is not loaded.");
        }
        if (!tableAnswers) {
            problems.add("The customer table does not answer.");
        }
        return new HealthReport(problems.isEmpty() ? "healthy" : "unhealthy", names, generationNumber, models,
                problems, challenger.map(ServiceHealth::challengerReport).orElse(null));
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
