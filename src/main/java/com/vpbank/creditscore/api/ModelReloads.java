package com.vpbank.creditscore.api;

import com.vpbank.creditscore.model.BundleCache;
import com.vpbank.creditscore.model.ModelBundle;
import com.vpbank.creditscore.model.ModelBundleException;
import com.vpbank.creditscore.model.ModelGeneration;
import com.vpbank.creditscore.model.ModelRegistry;
import com.vpbank.creditscore.model.ModelStoreUnavailableException;
import com.vpbank.creditscore.observe.ServiceMetrics;
import com.vpbank.creditscore.risk.ModelChanges;
import com.vpbank.creditscore.time.Timestamps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs a fetched bundle folder as the serving generation of one bundle (the champion,
 * which answers, or the challenger, which shadows it) and answers what happened: the new
 * generation and its model versions, or 422 naming the file and the reason the bundle was
 * refused (the current generation keeps serving).
 */
public final class ModelReloads {

    private static final Logger LOG = LoggerFactory.getLogger(ModelReloads.class);

    private final String bundle;
    private final boolean configured;
    private final ModelRegistry registry;
    private final BundleCache cache;
    private final ServiceMetrics metrics;
    private final Consumer<ModelGeneration> installed;
    private final ModelChanges changes;

    /**
     * @param bundle     the bundle's name: champion or challenger
     * @param configured whether the settings name a source for the bundle (the champion always has one)
     * @param installed  told of every generation that starts serving
     * @param changes    approval, archive, inventory and audit trail of every reload
     */
    public ModelReloads(String bundle, boolean configured, ModelRegistry registry, BundleCache cache,
                        ServiceMetrics metrics, Consumer<ModelGeneration> installed, ModelChanges changes) {
        this.bundle = bundle;
        this.configured = configured;
        this.registry = registry;
        this.cache = cache;
        this.metrics = metrics;
        this.installed = installed;
        this.changes = changes;
    }

    /** Whether a generation of this bundle serves. */
    public boolean isServing() {
        return registry.isLoaded();
    }

    public boolean isConfigured() {
        return configured;
    }

    /** A reload of a bundle that has no source configured (no challenger): 409. */
    public void notConfigured() {
        throw new ApiException(409, "No " + bundle + " bundle is configured.", null);
    }

    public Map<String, Object> install(@Body String folder) {
        return install(folder, ModelChanges.SERVICE);
    }

    /**
     * Installs the folder as the bundle's serving generation once it is approved (when
     * approval is required), verified and archived; {@code actor} (an API key's id, or the
     * service) is recorded in the audit trail with the outcome.
     */
    public Map<String, Object> install(String folder, String actor) {
        java.nio.file.Path path = java.nio.file.Path.of(folder);
        Optional<ModelGeneration> before = registry.current();
        ModelGeneration generation;
        try {
            changes.admit(path);
            generation = registry.install(path, changes::keep);
        } catch (ModelBundleException refused) {
            LOG.warn("Model bundle refused ({}): {}", bundle, refused.getMessage());
            cache.discard(path);
            changes.refused(bundle, actor, "refused", before, refused.getMessage());
            throw new ApiException(422, "Model bundle refused: " + refused.getMessage(),
                    Map.of("serving_generation", registry.current().map(ModelGeneration::number).orElse(0L)));
        } catch (ModelStoreUnavailableException notArchived) {
            LOG.warn("Model bundle not archived ({}): {}", bundle, notArchived.getMessage());
            cache.discard(path);
            changes.refused(bundle, actor, "not_archived", before, notArchived.getMessage());
            throw notArchived;
        }
        cache.keepOnly(bundle, path);
        Map<String, Object> answer = serving(generation);
        changes.loaded(bundle, actor, before, generation);
        return answer;
    }

    /**
     * Makes a bundle that is loaded and verified already serve, as a reload of its folder
     * would; for tools and tests that build their models themselves.
     */
    public Map<String, Object> installLoaded(ModelBundle loaded) {
        Optional<ModelGeneration> before = registry.current();
        ModelGeneration generation = registry.install(loaded);
        Map<String, Object> answer = serving(generation);
        changes.loaded(bundle, ModelChanges.SERVICE, before, generation);
        return answer;
    }

    private Map<String, Object> serving(ModelGeneration generation) {
        installed.accept(generation);
        metrics.modelsServing(bundle, generation.number(), generation.bundle().models().stream()
                .map(model -> new String[] {model.config().name(), model.config().version()})
                .toList());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "loaded");
        answer.put("bundle", bundle);
        answer.put("model_generation", generation.number());
        answer.put("loaded_at", Timestamps.format(generation.loadedAt()));
        List<Map<String, String>> models = generation.bundle().models().stream()
                .map(model -> Map.of("name", model.config().name(), "version", model.config().version()))
                .toList();
        answer.put("models", models);
        return answer;
    }
}
