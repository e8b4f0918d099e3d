package com.vpbank.creditscore.model;

/** No model can answer: the bundle is not loaded, or every model a request needs failed. */
public class ModelsUnavailableException extends RuntimeException {

    public ModelsUnavailableException(String message) {
        super(message);
    }
}
