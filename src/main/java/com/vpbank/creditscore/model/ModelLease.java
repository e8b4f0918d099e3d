package com.vpbank.creditscore.model;

import java.util.concurrent.atomic.AtomicBoolean;

/** A request's hold on one model generation: the models it scores with, until it is closed. */
public final class ModelLease implements AutoCloseable {

    private final ModelGeneration generation;
    private final AtomicBoolean closed = new AtomicBoolean();

    ModelLease(ModelGeneration generation) {
        this.generation = generation;
    }

    public ModelBundle bundle() {
        return generation.bundle();
    }

    public ModelGeneration generation() {
        return generation;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            generation.release();
        }
    }
}
