package com.vpbank.creditscore.model;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One loaded bundle as it serves: its number, when it was loaded, and how many users hold
 * it. The registry holds one reference while the generation is current; each request holds
 * one while it runs. The bundle's native sessions close when the last reference goes.
 */
public final class ModelGeneration {

    private final long number;
    private final ModelBundle bundle;
    private final Instant loadedAt;
    private final AtomicInteger references = new AtomicInteger(1);

    ModelGeneration(long number, ModelBundle bundle, Instant loadedAt) {
        this.number = number;
        this.bundle = bundle;
        this.loadedAt = loadedAt;
    }

    public long number() {
        return number;
    }

    public ModelBundle bundle() {
        return bundle;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    /** Takes a reference unless the generation is closed already. */
    boolean tryRetain() {
        while (true) {
            int count = references.get();
            if (count == 0) {
                return false;
            }
            if (references.compareAndSet(count, count + 1)) {
                return true;
            }
        }
    }

    /** Gives a reference back; the last one closes the bundle. */
    void release() {
        if (references.decrementAndGet() == 0) {
            bundle.close();
        }
    }

    /** True once every reference is gone and the bundle is closed. */
    public boolean isClosed() {
        return references.get() == 0;
    }
}
