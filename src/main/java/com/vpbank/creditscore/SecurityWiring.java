package com.vpbank.creditscore;

import com.vpbank.creditscore.security.ApiKeyAuthentication;
import com.vpbank.creditscore.security.ApiKeys;
import com.vpbank.creditscore.security.Role;
import java.util.EnumSet;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Binds the authentication of the API's protected paths: {@code apiKeyAuthentication}. */
final class SecurityWiring {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityWiring.class);

    private SecurityWiring() {
    }

    /** @param embedded whether the service runs the embedded default (DynamoDB Local in this JVM) */
    static void bind(Registry registry, SecuritySettings settings, boolean embedded) {
        registry.bind("apiKeyAuthentication", new ApiKeyAuthentication(apiKeys(settings.apiKeys(), embedded)));
    }

    /**
     * The keys from {@code API_KEYS}. With none set, the embedded default accepts the demo key
     * of the README in both roles, so that the quick start works; any other set-up refuses
     * every protected request until keys are configured.
     */
    private static ApiKeys apiKeys(ApiKeys keys, boolean embedded) {
        if (!keys.isEmpty()) {
            LOG.info("{} API key entries configured", keys.size());
            return keys;
        }
        if (embedded) {
            LOG.warn("API_KEYS is not set: the embedded default accepts the demo key '{}' (scorer, admin, outcomes)",
                    CreditScoreConfiguration.DEMO_API_KEY);
            return ApiKeys.of(CreditScoreConfiguration.DEMO_API_KEY, EnumSet.allOf(Role.class));
        }
        LOG.warn("API_KEYS is not set: every /api and /models request will be refused with 401");
        return keys;
    }
}
