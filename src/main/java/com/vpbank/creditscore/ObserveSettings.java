package com.vpbank.creditscore;

import org.apache.camel.spi.PropertiesComponent;

/**
 * The settings of what the service reports about itself: health, metrics, logs, tooling.
 *
 * @param camelTooling whether Camel's CLI connector starts ({@code CAMEL_TOOLING})
 * @param logHashKey key of the HMAC that stands for a customer id in logs; empty: random
 * @param maxRequestsInFlight predict and search requests served at once ({@code MAX_REQUESTS_IN_FLIGHT})
 * @param managementHost address of the management server ({@code MANAGEMENT_HOST})
 * @param managementPort port of the management server ({@code MANAGEMENT_PORT})
 * @param healthPath where the health checks are served on the management port
 * @param metricsPath where the metrics are served on the management port
 */
record ObserveSettings(boolean camelTooling, String logHashKey, int maxRequestsInFlight, String managementHost,
        int managementPort, String healthPath, String metricsPath) {

    static ObserveSettings from(PropertiesComponent properties) {
        Settings settings = new Settings(properties);
        return new ObserveSettings(
                settings.flag("creditscore.camel-tooling"),
                settings.text("creditscore.log-hash-key"),
                settings.wholeNumber("creditscore.max-requests-in-flight"),
                settings.text("camel.management.host"),
                settings.wholeNumber("camel.management.port"),
                settings.text("camel.management.health-path"),
                settings.text("camel.metrics.path"));
    }
}
