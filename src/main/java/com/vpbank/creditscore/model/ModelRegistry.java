package com.vpbank.creditscore.model;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the generation of models that serves requests. A new bundle is loaded and verified
 * beside the current one, then swapped in at once; requests in flight finish on the
 * generation they started with, and its native sessions are closed when the last of them
 * is done. A bundle that fails verification, or lacks a model the routes call, is refused
 * and the current one keeps serving.
 */
public final class ModelRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

    private final int onnxIntraOpThreads;
    private final Clock clock;
    private final RequiredModels required;
    private final AtomicReference<ModelGeneration> current = new AtomicReference<>();
    private long installed;

    public ModelRegistry(int onnxIntraOpThreads, Clock clock) {
        this(onnxIntraOpThreads, clock, RequiredModels.none());
    }

    /** A registry that refuses any bundle lacking a model that {@code required} names. */
    public ModelRegistry(int onnxIntraOpThreads, Clock clock, RequiredModels required) {
        this.onnxIntraOpThreads = onnxIntraOpThreads;
        this.clock = clock;
        this.required = required;
    }

    /**
     * Loads and verifies the bundle in {@code folder}, then makes it the serving generation.
     * Throws {@link ModelBundleException} naming the file and the reason when it is refused.
     */
    public ModelGeneration install(Path folder) {
        return install(ModelBundle.load(folder, onnxIntraOpThreads));
    }

    /**
     * Loads and verifies the bundle in {@code folder}, hands it to {@code beforeServing} (the
     * model archive), then makes it the serving generation. A bundle that {@code beforeServing}
     * fails for is closed and does not serve; its exception is thrown.
     */
    public ModelGeneration install(Path folder, Consumer<ModelBundle> beforeServing) {
        ModelBundle bundle = ModelBundle.load(folder, onnxIntraOpThreads);
        try {
            required.check(bundle);
            beforeServing.accept(bundle);
        } catch (RuntimeException e) {
            bundle.close();
            throw e;
        }
        return install(bundle);
    }

    /**
     * Makes a loaded, verified bundle the serving generation; a bundle that lacks a model the
     * routes call is closed and refused with {@link ModelBundleException}.
     */
    public synchronized ModelGeneration install(ModelBundle bundle) {
        try {
            required.check(bundle);
        } catch (ModelBundleException e) {
            bundle.close();
            throw e;
        }
        ModelGeneration generation = new ModelGeneration(++installed, bundle, clock.instant());
        ModelGeneration previous = current.getAndSet(generation);
        if (previous != null) {
            previous.release();
        }
        LOG.info("Model generation {} serving from {}", generation.number(), bundle.root());
        return generation;
    }

    /** Pins the serving generation for one request; {@link ModelsUnavailableException} when none is loaded. */
    public ModelLease acquire() {
        while (true) {
            ModelGeneration generation = current.get();
            if (generation == null) {
                throw new ModelsUnavailableException("The model bundle is not loaded yet.");
            }
            if (generation.tryRetain()) {
                return new ModelLease(generation);
            }
        }
    }

    /** The serving generation, for reports; requests use {@link #acquire()}. */
    public Optional<ModelGeneration> current() {
        return Optional.ofNullable(current.get());
    }

    public boolean isLoaded() {
        return current.get() != null;
    }

    @Override
    public synchronized void close() {
        ModelGeneration generation = current.getAndSet(null);
        if (generation != null) {
            generation.release();
        }
    }
}
