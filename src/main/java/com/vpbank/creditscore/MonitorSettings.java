package com.vpbank.creditscore;

import org.apache.camel.spi.PropertiesComponent;

/**
 * The settings of drift and of the challenger's shadow scoring.
 *
 * @param driftWindow recent predictions drift and the comparison are computed over ({@code DRIFT_WINDOW})
 * @param shadowPoolSize threads that score in the shadow ({@code SHADOW_POOL_SIZE})
 * @param shadowPoolQueue shadow requests that may wait for a thread ({@code SHADOW_POOL_QUEUE})
 */
record MonitorSettings(int driftWindow, int shadowPoolSize, int shadowPoolQueue) {

    static MonitorSettings from(PropertiesComponent properties) {
        Settings settings = new Settings(properties);
        return new MonitorSettings(
                settings.wholeNumber("creditscore.drift.window"),
                settings.wholeNumber("creditscore.shadow.pool-size"),
                settings.wholeNumber("creditscore.shadow.pool-queue"));
    }
}
