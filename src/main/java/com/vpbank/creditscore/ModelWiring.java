package com.vpbank.creditscore;

import com.vpbank.creditscore.api.ModelBundles;
import com.vpbank.creditscore.api.ModelReloads;
import com.vpbank.creditscore.model.BundleCache;
import com.vpbank.creditscore.model.ModelBundle;
import com.vpbank.creditscore.model.ModelRegistry;
import com.vpbank.creditscore.model.ModelsReadiness;
import com.vpbank.creditscore.model.RequiredModels;
import com.vpbank.creditscore.observe.ServiceMetrics;
import com.vpbank.creditscore.risk.ModelChanges;
import com.vpbank.creditscore.routecheck.ServingRoutesReadiness;
import com.vpbank.creditscore.store.S3Connection;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Binds the models and their loading. The bundles are loaded by the models route once the
 * context runs; until then the readiness check is DOWN and predict answers 503.
 */
final class ModelWiring {

    /** The registries the champion's and the challenger's models are installed in. */
    record Registries(RequiredModels required, ModelRegistry champion, ModelRegistry challenger,
            boolean challengerConfigured) {

        /** The challenger's registry when a challenger is configured. */
        Optional<ModelRegistry> configuredChallenger() {
            return challengerConfigured ? Optional.of(challenger) : Optional.empty();
        }
    }

    private ModelWiring() {
    }

    /**
     * Binds {@code requiredModels}, {@code modelRegistry}, {@code modelsReadiness},
     * {@code servingRoutesReadiness} and {@code challengerRegistry}.
     */
    static Registries bindRegistries(CamelContext context, ModelSettings settings) {
        Registry registry = context.getRegistry();
        // The model names the routes call, collected by checkRoutes before any route is created.
        RequiredModels requiredModels = new RequiredModels();
        registry.bind("requiredModels", requiredModels);
        ModelRegistry models = new ModelRegistry(settings.onnxThreads(), Clock.systemUTC(), requiredModels);
        registry.bind("modelRegistry", ModelRegistry.class, models, null, "close");
        registry.bind("modelsReadiness", new ModelsReadiness(models));
        // Readiness DOWN while a reloaded route file leaves a path without its route, or holds
        // a mistake the start-up check finds (ROUTES_RELOAD, local development only).
        ServingRoutesReadiness servingRoutes = new ServingRoutesReadiness(context, requiredModels);
        registry.bind("servingRoutesReadiness", servingRoutes);
        context.getManagementStrategy().addEventNotifier(servingRoutes.reloadListener());
        // The challenger: a second bundle that scores every answered request again, off the
        // request's thread, for comparison and drift; it never answers. Without one configured
        // its registry stays empty, and the predict route hands nothing to the shadow pool.
        ModelRegistry challenger = new ModelRegistry(settings.onnxThreads(), Clock.systemUTC(), requiredModels);
        registry.bind("challengerRegistry", ModelRegistry.class, challenger, null, "close");
        return new Registries(requiredModels, models, challenger, settings.challengerConfigured());
    }

    /**
     * Binds how the bundles load: {@code bundleCache}, {@code modelReloads},
     * {@code challengerReloads}, {@code modelBundles}, and {@code s3Client} when the bundles
     * are in S3. Each new generation is installed in drift, a challenger's in the comparison too;
     * every reload goes through {@code changes} (approval, archive, inventory, audit trail).
     */
    static void bindLoading(Registry registry, ModelSettings settings, Registries models,
            MonitorWiring.Beans monitors, ServiceMetrics metrics, ModelChanges changes,
            List<ExecutionInterceptor> s3CallSpans) {
        BundleCache bundleCache = new BundleCache(settings.cacheDir(), Map.of(
                ModelBundle.CHAMPION, settings.championPrefix(),
                ModelBundle.CHALLENGER, settings.challengerPrefix()));
        registry.bind("bundleCache", bundleCache);
        ModelReloads championReloads = new ModelReloads(ModelBundle.CHAMPION, true, models.champion(), bundleCache,
                metrics, generation -> monitors.drift().install(ModelBundle.CHAMPION, generation), changes);
        registry.bind("modelReloads", championReloads);
        if (settings.fromS3()) {
            registry.bind("s3Client", S3Client.class, S3Connection.open(
                    settings.s3Endpoint(), settings.s3Region(), settings.s3CallTimeout(), s3CallSpans), null, "close");
        }
        ModelReloads challengerReloads = new ModelReloads(ModelBundle.CHALLENGER, models.challengerConfigured(),
                models.challenger(), bundleCache, metrics, generation -> {
                    monitors.drift().install(ModelBundle.CHALLENGER, generation);
                    monitors.comparisons().start(generation);
                }, changes);
        registry.bind("challengerReloads", challengerReloads);
        // The one loading flow of models.camel.yaml sees both bundles through this bean.
        Map<String, ModelReloads> loadOrder = new LinkedHashMap<>();
        loadOrder.put(ModelBundle.CHAMPION, championReloads);
        loadOrder.put(ModelBundle.CHALLENGER, challengerReloads);
        registry.bind("modelBundles", new ModelBundles(loadOrder,
                Map.of(ModelBundle.CHAMPION, settings.championSource(),
                        ModelBundle.CHALLENGER, settings.challengerSource()),
                settings.polling()));
    }
}
