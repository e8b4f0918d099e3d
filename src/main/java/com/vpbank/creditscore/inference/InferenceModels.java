package com.vpbank.creditscore.inference;

import com.vpbank.creditscore.model.ModelBundle;
import com.vpbank.creditscore.model.ModelLease;
import com.vpbank.creditscore.model.ModelRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Finds the model a request names in its path, {@code /v2/models/{name}} or
 * {@code /v2/models/{name}/versions/{version}}: without a version the champion's model of that
 * name; with one, the champion's when its version is that one, else the challenger's. The
 * model's generation is pinned until the exchange completes, so a reload meanwhile does not
 * close it under the request. An unknown name or version is a 404; no champion loaded yet a 503.
 */
public final class InferenceModels {

    /** The path parameters of the protocol's model paths. */
    public static final String NAME = "name";
    public static final String VERSION = "version";

    private final ModelRegistry champion;
    private final ModelRegistry challenger;

    public InferenceModels(ModelRegistry champion, ModelRegistry challenger) {
        this.champion = champion;
        this.challenger = challenger;
    }

    /** The model of the request's path, pinned for the exchange. */
    public ServedModel resolve(Exchange exchange) {
        String name = exchange.getMessage().getHeader(NAME, String.class);
        String version = hasVersion(exchange) ? exchange.getMessage().getHeader(VERSION, String.class) : null;
        ModelLease lease = champion.acquire();
        ServedModel served = find(lease, ModelBundle.CHAMPION, name, version);
        if (served == null && version != null && challenger.isLoaded()) {
            lease.close();
            lease = challenger.acquire();
            served = find(lease, ModelBundle.CHALLENGER, name, version);
        }
        if (served == null) {
            lease.close();
            throw new ModelNotServedException(version == null
                    ? "Model '" + bounded(name) + "' is not served."
                    : "Model '" + bounded(name) + "' version '" + bounded(version) + "' is not served.");
        }
        ModelLease held = lease;
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                held.close();
            }
        });
        return served;
    }

    /** The versions of a model that a request may name: the champion's, then the challenger's. */
    public List<String> versions(String name) {
        List<String> versions = new ArrayList<>();
        for (ModelRegistry registry : List.of(champion, challenger)) {
            registry.current().map(generation -> generation.bundle())
                    .filter(bundle -> bundle.has(name))
                    .map(bundle -> bundle.model(name).config().version())
                    .filter(version -> !versions.contains(version))
                    .ifPresent(versions::add);
        }
        return versions;
    }

    /** Whether the champion bundle serves: the protocol's server readiness. */
    public boolean championLoaded() {
        return champion.isLoaded();
    }

    /** The name as a meter label: a name the champion or challenger serves, else {@code unknown}. */
    public String label(String name) {
        if (name != null) {
            for (ModelRegistry registry : List.of(champion, challenger)) {
                Optional<Boolean> served = registry.current().map(generation -> generation.bundle().has(name));
                if (served.orElse(false)) {
                    return name;
                }
            }
        }
        return "unknown";
    }

    private static ServedModel find(ModelLease lease, String bundle, String name, String version) {
        ModelBundle models = lease.bundle();
        if (name == null || !models.has(name)) {
            return null;
        }
        ServedModel served = new ServedModel(models.model(name), bundle);
        return version == null || served.version().equals(version) ? served : null;
    }

    /** Whether the path the request came in on names a version. */
    private static boolean hasVersion(Exchange exchange) {
        return exchange.getFromEndpoint() instanceof PlatformHttpEndpoint endpoint
                && endpoint.getPath().contains("{" + VERSION + "}");
    }

    /** A client's value as an error message quotes it: at most 64 characters. */
    private static String bounded(String value) {
        return value == null ? "" : value.length() > 64 ? value.substring(0, 64) + "..." : value;
    }
}
