package com.vpbank.creditscore.model;

/** A loaded model that turns one feature row into its raw (scaled) output. Thread-safe. */
public interface Scorer extends AutoCloseable {

    float scoreScaled(float[] features);

    /**
     * Each feature's part in the scaled output of one row: positive raised it, negative
     * lowered it. {@code baseline} is the bundle's reference row, or {@code null} when it
     * gives none; a scorer that needs one answers {@code null} without it.
     */
    float[] attributions(float[] features, float[] baseline);

    @Override
    void close();
}
