package com.vpbank.creditscore.model;

/**
 * The model store, the S3 bucket of the bundle, could not be read: unreachable, refusing, or
 * without the bucket. The models serving (if any) keep serving.
 */
public class ModelStoreUnavailableException extends RuntimeException {

    public ModelStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
