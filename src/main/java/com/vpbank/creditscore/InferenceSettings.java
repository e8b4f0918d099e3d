package com.vpbank.creditscore;

import org.apache.camel.spi.PropertiesComponent;

/**
 * The settings of the Open Inference Protocol endpoints.
 *
 * @param maxRows rows one infer request may carry at most ({@code INFER_MAX_ROWS}); the body
 *                is also held to {@code MAX_REQUEST_BYTES}
 */
record InferenceSettings(int maxRows) {

    static InferenceSettings from(PropertiesComponent properties) {
        Settings settings = new Settings(properties);
        int maxRows = settings.wholeNumber("creditscore.inference.max-rows");
        if (maxRows < 1) {
            throw new IllegalArgumentException("INFER_MAX_ROWS (creditscore.inference.max-rows) must be at least 1,"
                    + " not " + maxRows);
        }
        return new InferenceSettings(maxRows);
    }
}
