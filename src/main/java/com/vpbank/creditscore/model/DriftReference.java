package com.vpbank.creditscore.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's {@code reference.json}: the population it was trained on, as bins of its score
 * and of each feature with the share of training rows in each bin. Live traffic is binned
 * the same way to measure its population stability index (PSI) against these shares.
 *
 * @param rows     training rows the shares were counted on
 * @param score    bins of the model's credit score (300..850)
 * @param features bins of each feature, by feature name, in the model's feature order
 */
public record DriftReference(long rows, Bins score, Map<String, Bins> features) {

    public DriftReference {
        features = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(features));
    }

    /**
     * Bins given by their inner edges: {@code k} ascending edges make {@code k + 1} bins,
     * the first open below, the last open above. A value equal to an edge falls in the bin
     * above it.
     */
    public record Bins(double[] edges, double[] proportions) {

        public int count() {
            return proportions.length;
        }
    }

    /**
     * Reads and checks {@code reference.json} against the model's config: every feature it
     * names is one of the model's, every bin list well formed. Throws
     * {@link ModelBundleException} naming the file and the fault.
     */
    public static DriftReference read(Path file, ModelConfig config) {
        JsonNode root = BundleJson.readObject(file);
        JsonNode rows = root.get("rows");
        if (rows == null || !rows.canConvertToLong() || rows.asLong() <= 0) {
            throw new ModelBundleException(file + ": 'rows' must be a positive integer");
        }
        Bins score = bins(file, "score", root.get("score"));
        Map<String, Bins> byName = new LinkedHashMap<>();
        JsonNode features = root.get("features");
        if (features != null && !features.isNull()) {
            if (!features.isObject()) {
                throw new ModelBundleException(file + ": 'features' must be an object keyed by feature name");
            }
            Iterator<Map.Entry<String, JsonNode>> fields = features.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> feature = fields.next();
                if (!config.featureNames().contains(feature.getKey())) {
                    throw new ModelBundleException(file + ": feature '" + feature.getKey()
                            + "' is not one of the model's feature_names");
                }
                byName.put(feature.getKey(), bins(file, "features." + feature.getKey(), feature.getValue()));
            }
        }
        Map<String, Bins> ordered = new LinkedHashMap<>();
        for (String name : config.featureNames()) {
            if (byName.containsKey(name)) {
                ordered.put(name, byName.get(name));
            }
        }
        return new DriftReference(rows.asLong(), score, ordered);
    }

    private static Bins bins(Path file, String field, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new ModelBundleException(file + ": '" + field + "' must be an object with edges and proportions");
        }
        double[] edges = numbers(file, field + ".edges", node.get("edges"));
        double[] proportions = numbers(file, field + ".proportions", node.get("proportions"));
        if (proportions.length != edges.length + 1) {
            throw new ModelBundleException(file + ": '" + field + "' has " + edges.length + " edges and "
                    + proportions.length + " proportions; k edges make k + 1 bins");
        }
        for (int i = 1; i < edges.length; i++) {
            if (edges[i] <= edges[i - 1]) {
                throw new ModelBundleException(file + ": '" + field + ".edges' must be strictly ascending");
            }
        }
        double sum = 0;
        for (double proportion : proportions) {
            if (proportion < 0 || proportion > 1) {
                throw new ModelBundleException(file + ": '" + field + ".proportions' must be between 0 and 1");
            }
            sum += proportion;
        }
        if (Math.abs(sum - 1) > 1e-3) {
            throw new ModelBundleException(file + ": '" + field + ".proportions' sum to " + sum + ", not 1");
        }
        return new Bins(edges, proportions);
    }

    private static double[] numbers(Path file, String field, JsonNode node) {
        if (node == null || !node.isArray()) {
            throw new ModelBundleException(file + ": '" + field + "' must be an array of numbers");
        }
        double[] values = new double[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode value = node.get(i);
            if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
                throw new ModelBundleException(file + ": '" + field + "' must hold finite numbers only");
            }
            values[i] = value.asDouble();
        }
        return values;
    }
}
