package com.vpbank.creditscore;

/**
 * The README's feature vectors as request JSON: one valid row for each model of the demo
 * bundle, for the tests whose subject is not the features themselves.
 */
public final class DemoFeatures {

    public static final String TRADITIONAL = "[0.5, 0.8, 0.3, 0.7, 0.9, 0.2, 1, 0]";
    public static final String SOCIAL = "[0.6, 0.7, 0.5, 0.4, 0.3]";
    public static final String XGBOOST = "[0.5, 0.8, 0.3, 1, 0, 1, 1, 0.6, 0.3, 0.2]";
    /** The groups an existing customer is scored with, as members of a "features" object. */
    public static final String EXISTING = "\"traditional\": " + TRADITIONAL + ", \"social\": " + SOCIAL;
    /** The group a new customer is scored with. */
    public static final String NEW = "\"xgboost\": " + XGBOOST;
    /** Every group: the request suits an existing and a new customer alike. */
    public static final String ALL = EXISTING + ", " + NEW;

    private DemoFeatures() {
    }
}
