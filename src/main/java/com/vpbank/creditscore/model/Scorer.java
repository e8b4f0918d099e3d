package com.vpbank.creditscore.model;

/** A loaded model that turns one feature row into its raw (scaled) output. Thread-safe. */
public interface Scorer extends AutoCloseable {

    float scoreScaled(float[] features);

    @Override
    void close();
}
