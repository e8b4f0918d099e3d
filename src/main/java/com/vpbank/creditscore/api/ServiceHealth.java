package com.vpbank.creditscore.api;

import com.vpbank.creditscore.model.ModelRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * Reports whether the service can answer: every model loaded and the customer table
 * answering. The health route asks the table and tells this class the outcome.
 */
public final class ServiceHealth {

    private final ModelRegistry registry;

    public ServiceHealth(ModelRegistry registry) {
        this.registry = registry;
    }

    public HealthReport tableAnswered() {
        return report(true);
    }

    public HealthReport tableFailed() {
        return report(false);
    }

    private HealthReport report(boolean tableAnswers) {
        List<String> problems = new ArrayList<>();
        List<String> models = List.of();
        if (registry.isLoaded()) {
            models = List.copyOf(registry.current().names());
        } else {
            problems.add("The model bundle is not loaded.");
        }
        if (!tableAnswers) {
            problems.add("The customer table does not answer.");
        }
        return new HealthReport(problems.isEmpty() ? "healthy" : "unhealthy", models, problems);
    }
}
