package com.vpbank.creditscore.model;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Readiness: DOWN until a verified model bundle serves, so that no traffic arrives before. */
public final class ModelsReadiness extends AbstractHealthCheck {

    private static final String NOT_LOADED = "The model bundle is not loaded yet.";

    private final ModelRegistry registry;

    public ModelsReadiness(ModelRegistry registry) {
        super("credit-score", "models");
        this.registry = registry;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        registry.current().ifPresentOrElse(
                generation -> builder.up().detail("generation", generation.number()),
                // MicroProfile Health answers carry a check's details, not its message.
                () -> builder.down().message(NOT_LOADED).detail("reason", NOT_LOADED));
    }
}
