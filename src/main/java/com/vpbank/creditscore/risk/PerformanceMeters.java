package com.vpbank.creditscore.risk;

import com.vpbank.creditscore.observe.ServiceMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The meters of outcomes and model performance: {@code creditscore_outcomes_total} by result
 * (recorded, already_recorded, conflicting), and the gauges {@code creditscore_model_auc},
 * {@code _ks} and {@code _gini} by bundle, model and version, as the last
 * GET /models/performance computed them (NaN while undefined). Their labels come from the
 * bundles' model names and versions, never from a request.
 */
public final class PerformanceMeters {

    private final ServiceMetrics metrics;
    private final Map<String, AtomicReference<Discrimination>> figures = new ConcurrentHashMap<>();

    public PerformanceMeters(ServiceMetrics metrics) {
        this.metrics = metrics;
    }

    public void outcome(OutcomeRecords.Result result) {
        Counter.builder("creditscore.outcomes").description("Outcomes received, by what became of them")
                .tag("result", result.name().toLowerCase(java.util.Locale.ROOT)).register(metrics.registry()).increment();
    }

    /** Sets the gauges of one model version. */
    public void figures(String bundle, String model, String version, Discrimination latest) {
        String key = bundle + "\n" + model + "\n" + version;
        AtomicReference<Discrimination> held = figures.computeIfAbsent(key, k -> {
            AtomicReference<Discrimination> reference = new AtomicReference<>(latest);
            gauge("creditscore.model.auc", "AUC on observed outcomes", bundle, model, version,
                    () -> reference.get().auc());
            gauge("creditscore.model.ks", "Kolmogorov-Smirnov statistic on observed outcomes", bundle, model, version,
                    () -> reference.get().ks());
            gauge("creditscore.model.gini", "Gini coefficient on observed outcomes", bundle, model, version,
                    () -> reference.get().gini());
            return reference;
        });
        held.set(latest);
    }

    private void gauge(String name, String description, String bundle, String model, String version,
                       java.util.function.Supplier<Number> value) {
        Gauge.builder(name, value).description(description)
                .tags("bundle", bundle, "model", model, "version", version).register(metrics.registry());
    }
}
