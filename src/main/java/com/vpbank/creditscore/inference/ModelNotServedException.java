package com.vpbank.creditscore.inference;

/** A request names a model, or a model version, that neither bundle serves: a 404. */
public final class ModelNotServedException extends RuntimeException {

    public ModelNotServedException(String message) {
        super(message);
    }
}
