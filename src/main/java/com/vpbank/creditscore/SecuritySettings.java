package com.vpbank.creditscore;

import com.vpbank.creditscore.security.ApiKeys;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The settings of who may call the API.
 *
 * @param apiKeys the keys of {@code API_KEYS}, as SHA-256 hashes with their roles; an entry
 *     that is not {@code role:sha256-hex} stops the start
 */
record SecuritySettings(ApiKeys apiKeys) {

    static SecuritySettings from(PropertiesComponent properties) {
        return new SecuritySettings(ApiKeys.parse(new Settings(properties).text("creditscore.api-keys")));
    }
}
