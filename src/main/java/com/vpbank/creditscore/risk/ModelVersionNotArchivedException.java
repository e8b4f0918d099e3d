package com.vpbank.creditscore.risk;

/** A stored decision names a model version that the model archive no longer holds. */
public class ModelVersionNotArchivedException extends RuntimeException {

    private final String model;
    private final String version;

    public ModelVersionNotArchivedException(String model, String version) {
        super("Model " + model + " version " + version + " is no longer in the model archive.");
        this.model = model;
        this.version = version;
    }

    public String model() {
        return model;
    }

    public String version() {
        return version;
    }
}
