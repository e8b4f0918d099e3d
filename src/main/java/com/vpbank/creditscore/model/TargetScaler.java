package com.vpbank.creditscore.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * A model's {@code scaler.json}: turns the scaled score a model outputs back into a credit
 * score, then clips it to [300, 850].
 *
 * <p>Only a scaler that maps scores the right way round is read: {@code data_min} below
 * {@code data_max}, a {@code scale} above 0, every number finite. A reversed or flat scaler
 * would move every score while the model's version stays the same.
 */
public record TargetScaler(String type, double offset, double factor) {

    public static final double MIN_SCORE = 300;
    public static final double MAX_SCORE = 850;

    /** {@code minmax}: s * (data_max - data_min) + data_min. */
    public static TargetScaler minMax(double dataMin, double dataMax) {
        return new TargetScaler("minmax", dataMin, dataMax - dataMin);
    }

    /** {@code standard}: s * scale + mean. */
    public static TargetScaler standard(double mean, double scale) {
        return new TargetScaler("standard", mean, scale);
    }

    /** {@code identity}: s. */
    public static TargetScaler identity() {
        return new TargetScaler("identity", 0, 1);
    }

    public double toCreditScore(double scaled) {
        return Math.min(MAX_SCORE, Math.max(MIN_SCORE, unclipped(scaled)));
    }

    /** The credit score a scaled score maps to, before the clip to [300, 850]. */
    public double unclipped(double scaled) {
        return scaled * factor + offset;
    }

    /**
     * Refuses a scaler that maps the model's score of a reference row ({@code row}: "a row of
     * zeros", "the baseline") off the credit-score scale before the clip, or to a value that
     * is not finite: every score would then sit at a bound of the scale, and its reason codes'
     * impacts (attributions times the factor) would not be numbers DynamoDB can store.
     */
    public void requireOnScale(Path file, String row, double scaled) {
        double score = unclipped(scaled);
        if (!Double.isFinite(score) || score < MIN_SCORE || score > MAX_SCORE) {
            throw new ModelBundleException(file + ": maps the model's score of " + row + " (" + scaled + ") to "
                    + score + ", off the credit-score scale " + (int) MIN_SCORE + "-" + (int) MAX_SCORE);
        }
    }

    public static TargetScaler read(Path file) {
        JsonNode root = BundleJson.readObject(file);
        if (!root.path("type").isTextual()) {
            throw new ModelBundleException(file + ": must be a JSON object with a 'type'");
        }
        String type = root.get("type").asText();
        Set<String> fields = switch (type) {
            case "minmax" -> Set.of("type", "data_min", "data_max");
            case "standard" -> Set.of("type", "mean", "scale");
            default -> Set.of("type");
        };
        // A misspelt or foreign field ("Scale", "feature_range") would otherwise pass
        // unnoticed while the scaler reads something else than its author meant.
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new ModelBundleException(file + ": unknown field '" + name + "' for a scaler of type '" + type
                        + "' (" + String.join(", ", new TreeSet<>(fields)) + ")");
            }
        }
        return switch (type) {
            case "minmax" -> minMax(file, number(file, root, "data_min"), number(file, root, "data_max"));
            case "standard" -> standard(file, number(file, root, "mean"), number(file, root, "scale"));
            case "identity" -> identity();
            default -> throw new ModelBundleException(
                    file + ": unknown scaler type '" + type + "' (minmax, standard or identity)");
        };
    }

    private static TargetScaler minMax(Path file, double dataMin, double dataMax) {
        if (!(dataMin < dataMax) || !Double.isFinite(dataMax - dataMin)) {
            throw new ModelBundleException(file + ": 'data_min' (" + dataMin + ") must be less than 'data_max' ("
                    + dataMax + ")");
        }
        return minMax(dataMin, dataMax);
    }

    private static TargetScaler standard(Path file, double mean, double scale) {
        if (!(scale > 0)) {
            throw new ModelBundleException(file + ": 'scale' (" + scale + ") must be greater than 0");
        }
        return standard(mean, scale);
    }

    private static double number(Path file, JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || !value.isNumber() || !Double.isFinite(value.asDouble())) {
            throw new ModelBundleException(file + ": '" + field + "' is required and must be a finite number");
        }
        return value.asDouble();
    }
}
