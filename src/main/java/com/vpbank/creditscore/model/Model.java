package com.vpbank.creditscore.model;

import java.nio.file.Path;

/** A loaded model with its config and target scaler. */
public record Model(ModelConfig config, TargetScaler scaler, Scorer scorer) implements AutoCloseable {

    public ModelPrediction predict(float[] features) {
        requireWidth(features);
        double scaled = scorer.scoreScaled(features);
        return new ModelPrediction(scaled, scaler.toCreditScore(scaled));
    }

    /** The prediction of each row, the model run once for all of them. */
    public ModelPrediction[] predict(float[][] rows) {
        for (float[] row : rows) {
            requireWidth(row);
        }
        float[] scaled = scorer.scoreScaled(rows);
        ModelPrediction[] predictions = new ModelPrediction[rows.length];
        for (int i = 0; i < rows.length; i++) {
            predictions[i] = new ModelPrediction(scaled[i], scaler.toCreditScore(scaled[i]));
        }
        return predictions;
    }

    /**
     * How far each feature moved this row's score, in credit-score points: the scorer's
     * attributions times the scaler's factor (before the [300, 850] clip, so that a score
     * at a bound still shows what held it there). Negative lowered the score.
     * {@code null} when the model cannot say (an ONNX model whose bundle gives no baseline).
     */
    public double[] impacts(float[] features) {
        requireWidth(features);
        return points(scorer.attributions(features, config.baseline()));
    }

    /**
     * The row's prediction and its {@link #impacts}, in one model call where the runtime can
     * give both (see {@link Scorer#scoreWithAttributions}); impacts {@code null} as there.
     */
    public ExplainedPrediction predictExplained(float[] features) {
        requireWidth(features);
        Scorer.ScoredRow row = scorer.scoreWithAttributions(features, config.baseline());
        return new ExplainedPrediction(new ModelPrediction(row.scoreScaled(), scaler.toCreditScore(row.scoreScaled())),
                points(row.attributions()));
    }

    /** A prediction and its impacts in credit-score points ({@code null}: the model cannot say). */
    public record ExplainedPrediction(ModelPrediction prediction, double[] impacts) {
    }

    private double[] points(float[] attributions) {
        if (attributions == null) {
            return null;
        }
        double[] points = new double[attributions.length];
        for (int i = 0; i < points.length; i++) {
            points[i] = attributions[i] * scaler.factor();
        }
        return points;
    }

    /**
     * The impacts of each row, as {@link #impacts(float[])} gives them row by row, the
     * scorer asked once for all of them; {@code null} when the model cannot say.
     */
    public double[][] impacts(float[][] rows) {
        for (float[] row : rows) {
            requireWidth(row);
        }
        float[][] attributions = scorer.attributions(rows, config.baseline());
        if (attributions == null) {
            return null;
        }
        double[][] points = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            points[r] = new double[attributions[r].length];
            for (int i = 0; i < points[r].length; i++) {
                points[r][i] = attributions[r][i] * scaler.factor();
            }
        }
        return points;
    }

    /**
     * Refuses a model whose scores cannot be answered and stored: the score of a row of zeros
     * and of the baseline must map, through the scaler, onto the credit-score scale, and
     * their reason-code impacts must be finite. {@code scalerFile} is named in the refusal.
     */
    public void verifyScores(Path scalerFile) {
        float[] zeros = new float[config.inputSize()];
        scaler.requireOnScale(scalerFile, "a row of zeros", scorer.scoreScaled(zeros));
        float[] baseline = config.baseline();
        if (baseline != null) {
            scaler.requireOnScale(scalerFile, "the baseline", scorer.scoreScaled(baseline));
        }
        double[] impacts = impacts(zeros);
        if (impacts != null) {
            for (double impact : impacts) {
                if (!Double.isFinite(impact) || Math.abs(impact) > TargetScaler.MAX_SCORE) {
                    throw new ModelBundleException(scalerFile + ": gives the reason codes of a row of zeros an impact of "
                            + impact + " points, beyond the credit-score scale");
                }
            }
        }
    }

    public String name() {
        return config.name();
    }

    private void requireWidth(float[] features) {
        if (features.length != config.inputSize()) {
            throw new IllegalArgumentException("Model " + config.name() + " expects " + config.inputSize()
                    + " features, received " + features.length);
        }
    }

    @Override
    public void close() {
        scorer.close();
    }
}
