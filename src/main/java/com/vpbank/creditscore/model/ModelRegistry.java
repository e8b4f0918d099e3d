package com.vpbank.creditscore.model;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the model bundle that serves requests. The bundle is loaded once, before the
 * service takes traffic, and shared by every request; no model file is read while
 * serving.
 */
public final class ModelRegistry implements AutoCloseable {

    private final Path bundleRoot;
    private final AtomicReference<ModelBundle> current = new AtomicReference<>();

    public ModelRegistry(Path bundleRoot) {
        this.bundleRoot = bundleRoot;
    }

    /** Loads and verifies the bundle, then makes it the one that serves. */
    public void load() {
        ModelBundle loaded = ModelBundle.load(bundleRoot);
        ModelBundle previous = current.getAndSet(loaded);
        if (previous != null) {
            previous.close();
        }
    }

    /** The serving bundle; {@link ModelsUnavailableException} when none is loaded. */
    public ModelBundle current() {
        ModelBundle bundle = current.get();
        if (bundle == null) {
            throw new ModelsUnavailableException("The model bundle is not loaded.");
        }
        return bundle;
    }

    public boolean isLoaded() {
        return current.get() != null;
    }

    public Path bundleRoot() {
        return bundleRoot;
    }

    @Override
    public void close() {
        ModelBundle bundle = current.getAndSet(null);
        if (bundle != null) {
            bundle.close();
        }
    }
}
