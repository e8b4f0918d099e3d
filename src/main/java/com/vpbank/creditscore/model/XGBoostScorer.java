package com.vpbank.creditscore.model;

import java.nio.file.Path;
import java.util.Arrays;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * An XGBoost model run by XGBoost4J: one booster shared by every request thread, scored
 * with {@code inplace_predict}, which needs no DMatrix and takes no lock. Its attributions
 * are exact TreeSHAP values ({@code predictContrib}), which need a one-row DMatrix and
 * take the booster's lock for the call.
 */
public final class XGBoostScorer implements Scorer {

    private final Booster booster;

    private XGBoostScorer(Booster booster) {
        this.booster = booster;
    }

    public static XGBoostScorer open(Path modelFile) {
        try {
            Booster booster = XGBoost.loadModel(modelFile.toString());
            booster.setParam("nthread", 1);
            return new XGBoostScorer(booster);
        } catch (XGBoostError | RuntimeException e) {
            throw new ModelBundleException(modelFile + ": XGBoost cannot load the model (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public float scoreScaled(float[] features) {
        try {
            return booster.inplace_predict(features, 1, features.length, Float.NaN)[0][0];
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed: " + e.getMessage(), e);
        }
    }

    @Override
    public float[] scoreScaled(float[][] rows) {
        if (rows.length == 0) {
            return new float[0];
        }
        try {
            float[][] predictions = booster.inplace_predict(OnnxScorer.flat(rows), rows.length, rows[0].length, Float.NaN);
            float[] scores = new float[rows.length];
            for (int i = 0; i < rows.length; i++) {
                scores[i] = predictions[i][0];
            }
            return scores;
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed: " + e.getMessage(), e);
        }
    }

    /**
     * TreeSHAP values of one row in margin space: one per feature, then the bias (the
     * expected margin). They add up to the row's margin, which for the regression
     * objectives of the bundle format is the scaled score itself. The baseline plays no
     * part: TreeSHAP's reference is the training data the trees were grown on.
     */
    public float[] contributions(float[] features) {
        try {
            DMatrix row = new DMatrix(features, 1, features.length, Float.NaN);
            try {
                return booster.predictContrib(row, 0)[0];
            } finally {
                row.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed: " + e.getMessage(), e);
        }
    }

    @Override
    public float[] attributions(float[] features, float[] baseline) {
        return Arrays.copyOf(contributions(features), features.length);
    }

    /** TreeSHAP values of many rows from one DMatrix, one {@code predictContrib} call; the bias left out. */
    @Override
    public float[][] attributions(float[][] rows, float[] baseline) {
        if (rows.length == 0) {
            return new float[0][];
        }
        try {
            DMatrix matrix = new DMatrix(OnnxScorer.flat(rows), rows.length, rows[0].length, Float.NaN);
            try {
                float[][] contributions = booster.predictContrib(matrix, 0);
                float[][] attributions = new float[rows.length][];
                for (int r = 0; r < rows.length; r++) {
                    attributions[r] = Arrays.copyOf(contributions[r], rows[r].length);
                }
                return attributions;
            } finally {
                matrix.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        booster.dispose();
    }
}
