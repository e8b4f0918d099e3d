package com.vpbank.creditscore.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.vpbank.creditscore.model.DriftReference;
import com.vpbank.creditscore.model.Model;
import com.vpbank.creditscore.model.ModelBundle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The most recent predictions of each model of one bundle generation, as the bins of its
 * {@code reference.json}: for each model that has one, the last {@code capacity} scores and
 * feature rows, each kept as its bin numbers, with a count per bin, so that adding a
 * prediction and reading a PSI cost a few steps whatever the window's size. A new
 * generation starts a new window: its references may bin differently.
 */
public final class DriftWindow {

    /** The variable name of a model's score, beside its feature names. */
    public static final String SCORE = "score";

    private final ModelBundle bundle;
    private final long generation;
    private final int capacity;
    private final Map<String, ModelWindow> models = new LinkedHashMap<>();

    public DriftWindow(ModelBundle bundle, long generation, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("A drift window holds at least one prediction, not " + capacity);
        }
        this.bundle = bundle;
        this.generation = generation;
        this.capacity = capacity;
        for (Model model : bundle.models()) {
            bundle.reference(model.name()).ifPresent(reference ->
                    models.put(model.name(), new ModelWindow(reference, model.config().featureNames(), capacity)));
        }
    }

    /** Whether this window is the one of the given bundle. */
    public boolean isFor(ModelBundle other) {
        return bundle == other;
    }

    public long generation() {
        return generation;
    }

    public int capacity() {
        return capacity;
    }

    /** Adds one prediction of a model: its score and the feature row it scored. Models without a reference are skipped. */
    public void record(String model, double score, float[] features) {
        ModelWindow window = models.get(model);
        if (window != null) {
            window.record(score, features);
        }
    }

    /** The names of the variables that have a PSI, by model: {@value #SCORE} and the referenced features. */
    public Map<String, List<String>> variables() {
        Map<String, List<String>> variables = new LinkedHashMap<>();
        models.forEach((name, window) -> variables.put(name, List.of(window.variables)));
        return variables;
    }

    /** The PSI of one variable of a model over the window; NaN while the window is empty. */
    public double psi(String model, String variable) {
        ModelWindow window = models.get(model);
        return window == null ? Double.NaN : window.psi(variable);
    }

    /** Every model of the bundle: those with a reference with their PSIs, the others marked so. */
    public List<ModelDrift> report() {
        List<ModelDrift> report = new ArrayList<>();
        for (Model model : bundle.models()) {
            ModelWindow window = models.get(model.name());
            report.add(window == null
                    ? new ModelDrift(model.name(), model.config().version(), false, null, null, null)
                    : window.report(model.name(), model.config().version()));
        }
        return report;
    }

    /**
     * One model's drift: how many predictions the window holds, the PSI of its score and of
     * each feature (null while the window is empty), or {@code reference} false when the
     * bundle carries no reference.json for it.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ModelDrift(String model, String version, boolean reference, Integer predictions, Double scorePsi,
                             Map<String, Double> featurePsi) {
    }

    private static final class ModelWindow {

        private final String[] variables;
        /** Position in the feature row of each variable; -1 for the score. */
        private final int[] positions;
        private final double[][] edges;
        private final double[][] expected;
        private final short[] bins;
        private final long[][] counts;
        private final int capacity;
        private int next;
        private int size;

        ModelWindow(DriftReference reference, List<String> featureNames, int capacity) {
            int count = 1 + reference.features().size();
            this.variables = new String[count];
            this.positions = new int[count];
            this.edges = new double[count][];
            this.expected = new double[count][];
            variables[0] = SCORE;
            positions[0] = -1;
            edges[0] = reference.score().edges();
            expected[0] = reference.score().proportions();
            int i = 1;
            for (Map.Entry<String, DriftReference.Bins> feature : reference.features().entrySet()) {
                variables[i] = feature.getKey();
                positions[i] = featureNames.indexOf(feature.getKey());
                edges[i] = feature.getValue().edges();
                expected[i] = feature.getValue().proportions();
                i++;
            }
            this.capacity = capacity;
            this.bins = new short[capacity * count];
            this.counts = new long[count][];
            for (int v = 0; v < count; v++) {
                counts[v] = new long[expected[v].length];
            }
        }

        synchronized void record(double score, float[] features) {
            int base = next * variables.length;
            for (int v = 0; v < variables.length; v++) {
                if (size == capacity) {
                    counts[v][bins[base + v]]--;
                }
                double value = positions[v] < 0 ? score : features[positions[v]];
                short bin = (short) Psi.bin(edges[v], value);
                bins[base + v] = bin;
                counts[v][bin]++;
            }
            next = (next + 1) % capacity;
            size = Math.min(size + 1, capacity);
        }

        synchronized double psi(String variable) {
            for (int v = 0; v < variables.length; v++) {
                if (variables[v].equals(variable)) {
                    return psi(v);
                }
            }
            return Double.NaN;
        }

        private double psi(int variable) {
            if (size == 0) {
                return Double.NaN;
            }
            double[] actual = new double[counts[variable].length];
            for (int i = 0; i < actual.length; i++) {
                actual[i] = (double) counts[variable][i] / size;
            }
            return Psi.of(expected[variable], actual);
        }

        synchronized ModelDrift report(String model, String version) {
            Map<String, Double> features = new LinkedHashMap<>();
            for (int v = 1; v < variables.length; v++) {
                features.put(variables[v], finite(psi(v)).orElse(null));
            }
            return new ModelDrift(model, version, true, size, finite(psi(0)).orElse(null), features);
        }

        private static Optional<Double> finite(double value) {
            return Double.isNaN(value) ? Optional.empty() : Optional.of(value);
        }
    }
}
