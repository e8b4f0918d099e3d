package com.vpbank.creditscore.model;

import java.nio.file.Path;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * An XGBoost model run by XGBoost4J: one booster shared by every request thread, scored
 * with {@code inplace_predict}, which needs no DMatrix and takes no lock.
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
    public void close() {
        booster.dispose();
    }
}
