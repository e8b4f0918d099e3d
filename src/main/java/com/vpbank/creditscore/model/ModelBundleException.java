package com.vpbank.creditscore.model;

/** A model bundle that cannot be used; the message names the file and the reason. */
public class ModelBundleException extends RuntimeException {

    public ModelBundleException(String message) {
        super(message);
    }

    public ModelBundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
