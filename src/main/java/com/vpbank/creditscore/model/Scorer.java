package com.vpbank.creditscore.model;

/** A loaded model that turns one feature row into its raw (scaled) output. Thread-safe. */
public interface Scorer extends AutoCloseable {

    float scoreScaled(float[] features);

    /**
     * The scaled output of each row, in one call where the runtime takes many rows at once
     * (an ONNX tensor of {@code [rows, width]}, XGBoost's {@code inplace_predict} of many
     * rows): the same values as {@link #scoreScaled(float[])} row by row, at a fraction of
     * the cost per row for batches.
     */
    default float[] scoreScaled(float[][] rows) {
        float[] scores = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            scores[i] = scoreScaled(rows[i]);
        }
        return scores;
    }

    /**
     * Each feature's part in the scaled output of one row: positive raised it, negative
     * lowered it. {@code baseline} is the bundle's reference row, or {@code null} when it
     * gives none; a scorer that needs one answers {@code null} without it.
     */
    float[] attributions(float[] features, float[] baseline);

    /**
     * The scaled output of one row and its {@link #attributions}, in one runtime call where
     * the scorer can give both at once (an ONNX model scores the row within the batch of its
     * substituted rows); otherwise a call for each.
     */
    default ScoredRow scoreWithAttributions(float[] features, float[] baseline) {
        return new ScoredRow(scoreScaled(features), attributions(features, baseline));
    }

    /** A row's scaled output and its attributions ({@code null} when the scorer cannot give them). */
    record ScoredRow(float scoreScaled, float[] attributions) {
    }

    /**
     * The attributions of each row, as {@link #attributions(float[], float[])} gives them row
     * by row; a scorer whose runtime takes many rows at once answers them in one call.
     * {@code null} when the scorer cannot say without a baseline.
     */
    default float[][] attributions(float[][] rows, float[] baseline) {
        float[][] attributions = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            attributions[i] = attributions(rows[i], baseline);
            if (attributions[i] == null) {
                return null;
            }
        }
        return attributions;
    }

    @Override
    void close();
}
