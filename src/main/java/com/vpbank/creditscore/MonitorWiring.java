package com.vpbank.creditscore;

import com.vpbank.creditscore.model.ModelRegistry;
import com.vpbank.creditscore.monitor.DriftMonitor;
import com.vpbank.creditscore.monitor.ShadowComparisons;
import com.vpbank.creditscore.monitor.ShadowPool;
import com.vpbank.creditscore.monitor.ShadowScoring;
import com.vpbank.creditscore.observe.ServiceMetrics;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import org.apache.camel.spi.Registry;

/**
 * Binds drift and the challenger's shadow scoring: {@code driftMonitor},
 * {@code shadowComparisons}, {@code shadowPool}, {@code shadowScoring}.
 */
final class MonitorWiring {

    /** What the model loading installs each new generation into. */
    record Beans(DriftMonitor drift, ShadowComparisons comparisons) {
    }

    private MonitorWiring() {
    }

    /**
     * @param challenger the challenger's models, which score in the shadow
     * @param modelBudget time budget of one model for one request
     */
    static Beans bind(Registry registry, MonitorSettings settings, ModelRegistry challenger, Duration modelBudget,
            ServiceMetrics metrics) {
        DriftMonitor drift = new DriftMonitor(settings.driftWindow(), metrics);
        registry.bind("driftMonitor", drift);
        ShadowComparisons comparisons = new ShadowComparisons(settings.driftWindow(), metrics);
        registry.bind("shadowComparisons", comparisons);
        // The challenger scores every answered request again, off the request's thread; beyond
        // the pool's queue a shadow request is dropped, never waiting in front of live traffic.
        registry.bind("shadowPool", ExecutorService.class,
                ShadowPool.create(settings.shadowPoolSize(), settings.shadowPoolQueue(), comparisons),
                null, "shutdownNow");
        registry.bind("shadowScoring", new ShadowScoring(challenger, drift, metrics, modelBudget));
        return new Beans(drift, comparisons);
    }
}
