package com.vpbank.creditscore.monitor;

/**
 * The population stability index and the quantiles it is binned by. PSI = sum over bins of
 * (actual - expected) * ln(actual / expected), each share floored at {@link #EPSILON} so that
 * an empty bin stays finite. Below 0.10 a population is stable, 0.10-0.25 worth watching,
 * above 0.25 shifted.
 */
public final class Psi {

    /** The floor of a bin's share. */
    public static final double EPSILON = 1e-4;

    private Psi() {
    }

    /** PSI of the {@code actual} shares against the {@code expected} ones, bin by bin. */
    public static double of(double[] expected, double[] actual) {
        if (expected.length != actual.length) {
            throw new IllegalArgumentException(expected.length + " expected bins, " + actual.length + " actual");
        }
        double psi = 0;
        for (int i = 0; i < expected.length; i++) {
            double e = Math.max(expected[i], EPSILON);
            double a = Math.max(actual[i], EPSILON);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }

    /**
     * The {@code p} quantile of ascending values, interpolated linearly between the two
     * nearest ranks (NumPy's default): rank {@code p * (n - 1)}.
     */
    public static double quantile(double[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double rank = p * (sorted.length - 1);
        int low = (int) Math.floor(rank);
        int high = Math.min(low + 1, sorted.length - 1);
        return sorted[low] + (rank - low) * (sorted[high] - sorted[low]);
    }

    /** The nine inner decile edges of ascending values. */
    public static double[] decileEdges(double[] sorted) {
        double[] edges = new double[9];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = quantile(sorted, (i + 1) / 10.0);
        }
        return edges;
    }

    /**
     * The share of values in each of the bins the ascending {@code edges} make (a value equal
     * to an edge counts in the bin above it), as {@code edges.length + 1} shares.
     */
    public static double[] shares(double[] values, double[] edges) {
        double[] shares = new double[edges.length + 1];
        if (values.length == 0) {
            return shares;
        }
        for (double value : values) {
            shares[bin(edges, value)]++;
        }
        for (int i = 0; i < shares.length; i++) {
            shares[i] /= values.length;
        }
        return shares;
    }

    /** The bin a value falls in: how many of the ascending edges are at or below it. */
    public static int bin(double[] edges, double value) {
        int low = 0;
        int high = edges.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (edges[middle] <= value) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
