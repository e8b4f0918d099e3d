package com.vpbank.creditscore.api;

import com.vpbank.creditscore.risk.ModelChanges;
import com.vpbank.creditscore.route.RouteProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * The model bundles, champion and challenger, as the one loading flow of models.camel.yaml
 * sees them: where each comes from (S3 or a folder, or nowhere: a challenger that is not
 * configured), which to load at start-up and which to poll, and the install of a fetched
 * folder. Where a bundle comes from is decided here only, from the settings.
 */
public final class ModelBundles {

    /** Where a bundle comes from: S3 (its prefix in ML_DATA_BUCKET), or a folder; neither when not configured. */
    public record Source(boolean fromS3, String folder) {

        public boolean configured() {
            return fromS3 || !folder.isEmpty();
        }
    }

    private final Map<String, ModelReloads> reloads;
    private final Map<String, Source> sources;
    private final boolean polling;

    /**
     * @param reloads each bundle's install, by name, in the order bundles load
     * @param sources each bundle's source, by name
     * @param polling whether the bundles in S3 are polled for changes (MODEL_POLL_INTERVAL above 0)
     */
    public ModelBundles(Map<String, ModelReloads> reloads, Map<String, Source> sources, boolean polling) {
        this.reloads = new LinkedHashMap<>(reloads);
        this.sources = Map.copyOf(sources);
        this.polling = polling;
    }

    /** The configured bundles that do not serve yet: what the start-up load tries (again). */
    public List<String> notServing() {
        return reloads.keySet().stream()
                .filter(bundle -> sources.get(bundle).configured() && !reloads.get(bundle).isServing())
                .toList();
    }

    /** The serving bundles that come from S3, when polling is on: what the poll lists. */
    public List<String> polled() {
        if (!polling) {
            return List.of();
        }
        return reloads.keySet().stream()
                .filter(bundle -> sources.get(bundle).fromS3() && reloads.get(bundle).isServing())
                .toList();
    }

    /** Whether the bundle comes from S3; a bundle that is not configured is refused with 409. */
    public boolean fromS3(@ExchangeProperty(RouteProperties.MODEL_BUNDLE) String bundle) {
        return configured(bundle).fromS3();
    }

    /** The folder a bundle is loaded from when it does not come from S3. */
    public String folder(@ExchangeProperty(RouteProperties.MODEL_BUNDLE) String bundle) {
        return configured(bundle).folder();
    }

    /**
     * Installs a fetched folder as the bundle's serving generation: the answer of a reload, or
     * 422. {@code reloadedBy} is the id of the API key that asked, none for the service's own loads.
     */
    public Map<String, Object> install(@ExchangeProperty(RouteProperties.MODEL_BUNDLE) String bundle,
                                       @Body String folder,
                                       @ExchangeProperty(RouteProperties.RELOADED_BY) String reloadedBy) {
        return reloads(bundle).install(folder, reloadedBy == null ? ModelChanges.SERVICE : reloadedBy);
    }

    private Source configured(String bundle) {
        Source source = sources.get(bundle);
        if (source == null || !source.configured()) {
            reloads(bundle).notConfigured();
        }
        return source;
    }

    private ModelReloads reloads(String bundle) {
        ModelReloads reload = reloads.get(bundle);
        if (reload == null) {
            throw new ApiException(400, "No model bundle named '" + bundle + "'.", null);
        }
        return reload;
    }
}
