package com.vpbank.creditscore.model;

import java.nio.file.Path;
import java.util.Arrays;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An XGBoost model run by XGBoost4J: one booster shared by every request thread, scored
 * with {@code inplace_predict}, which needs no DMatrix and takes no lock. Its attributions
 * are exact TreeSHAP values, computed in the JVM by {@link XGBoostTreeShap} from the same
 * model file; for a model that class does not follow (categorical splits, more than one
 * target, another booster or objective), by XGBoost's {@code predictContrib}, which needs
 * a one-row DMatrix and takes the booster's lock for the call.
 */
public final class XGBoostScorer implements Scorer {

    private static final Logger LOG = LoggerFactory.getLogger(XGBoostScorer.class);

    private final Booster booster;
    /** TreeSHAP in the JVM, or {@code null} when the model needs XGBoost's own. */
    private final XGBoostTreeShap treeShap;

    private XGBoostScorer(Booster booster, XGBoostTreeShap treeShap) {
        this.booster = booster;
        this.treeShap = treeShap;
    }

    public static XGBoostScorer open(Path modelFile) {
        Booster booster;
        try {
            booster = XGBoost.loadModel(modelFile.toString());
            booster.setParam("nthread", 1);
        } catch (XGBoostError | RuntimeException e) {
            throw new ModelBundleException(modelFile + ": XGBoost cannot load the model (" + e.getMessage() + ")", e);
        }
        XGBoostTreeShap treeShap = null;
        try {
            treeShap = XGBoostTreeShap.read(modelFile);
        } catch (RuntimeException e) {
            LOG.info("Attributions by XGBoost's predictContrib: {}", e.getMessage());
        }
        return new XGBoostScorer(booster, treeShap);
    }

    /** Whether attributions are computed in the JVM rather than by XGBoost's predictContrib. */
    public boolean treeShapInJvm() {
        return treeShap != null;
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
        if (treeShap != null && features.length == treeShap.featureCount()) {
            return treeShap.contributions(features);
        }
        return predictContrib(features);
    }

    /** {@link #contributions(float[])} by XGBoost's own {@code predictContrib}, whatever the model. */
    public float[] predictContrib(float[] features) {
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

    /**
     * TreeSHAP values of many rows, the bias left out: row by row in the JVM, as the online
     * answer computes them (the same values for the same row), or, for a model the JVM code
     * does not follow, from one DMatrix in one {@code predictContrib} call.
     */
    @Override
    public float[][] attributions(float[][] rows, float[] baseline) {
        if (rows.length == 0) {
            return new float[0][];
        }
        if (treeShap != null && rows[0].length == treeShap.featureCount()) {
            float[][] attributions = new float[rows.length][];
            for (int r = 0; r < rows.length; r++) {
                attributions[r] = attributions(rows[r], baseline);
            }
            return attributions;
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
