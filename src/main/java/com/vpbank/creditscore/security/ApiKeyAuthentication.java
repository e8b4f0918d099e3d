package com.vpbank.creditscore.security;

import com.vpbank.creditscore.route.RoleArgument;
import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;

/**
 * The first step of every protected route: the request must carry an API key, as
 * {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}, that holds the route's role.
 * No key or an unknown key is a 401; a known key without the role is a 403.
 */
public final class ApiKeyAuthentication {

    public static final String AUTHORIZATION = "Authorization";
    public static final String API_KEY = "X-API-Key";

    private final ApiKeys keys;

    public ApiKeyAuthentication(ApiKeys keys) {
        this.keys = keys;
    }

    /** Called from a route: {@code method: "require(*, 'scorer')"}. */
    public void require(Exchange exchange, @RoleArgument String role) {
        authorize(exchange.getMessage().getHeader(AUTHORIZATION, String.class),
                exchange.getMessage().getHeader(API_KEY, String.class), Role.parse(role));
    }

    /**
     * The id of the key the request carries, for audit records: {@code key-} and the first 16
     * hex digits of the key's SHA-256, which is the start of its API_KEYS entry; never the key.
     * Called after {@link #require}, so the key is a known one.
     */
    public String keyId(Exchange exchange) {
        String presented = presentedKey(exchange.getMessage().getHeader(AUTHORIZATION, String.class),
                exchange.getMessage().getHeader(API_KEY, String.class));
        return presented == null ? "none" : "key-" + ApiKeys.sha256Hex(presented).substring(0, 16);
    }

    /** Called from a route: {@code method: "requireEither(*, 'outcomes', 'admin')"}: a key with either role passes. */
    public void requireEither(Exchange exchange, @RoleArgument String role, @RoleArgument String otherRole) {
        String authorization = exchange.getMessage().getHeader(AUTHORIZATION, String.class);
        String apiKey = exchange.getMessage().getHeader(API_KEY, String.class);
        try {
            authorize(authorization, apiKey, Role.parse(role));
        } catch (ApiKeyRefusedException refused) {
            if (refused.reason() != ApiKeyRefusedException.Reason.WITHOUT_ROLE) {
                throw refused;
            }
            try {
                authorize(authorization, apiKey, Role.parse(otherRole));
            } catch (ApiKeyRefusedException alsoRefused) {
                throw new ApiKeyRefusedException(ApiKeyRefusedException.Reason.WITHOUT_ROLE, "This API key holds"
                        + " neither the '" + Role.parse(role).label() + "' nor the '" + Role.parse(otherRole).label()
                        + "' role.");
            }
        }
    }

    /** Checks the key sent in either header for the role. */
    public void authorize(String authorization, String apiKey, Role role) {
        String presented = presentedKey(authorization, apiKey);
        if (presented == null) {
            throw new ApiKeyRefusedException(ApiKeyRefusedException.Reason.MISSING,
                    "An API key is required: send it as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.");
        }
        Set<Role> roles = keys.rolesOf(presented);
        if (roles.isEmpty()) {
            throw new ApiKeyRefusedException(ApiKeyRefusedException.Reason.UNKNOWN, "The API key is not valid.");
        }
        if (!roles.contains(role)) {
            throw new ApiKeyRefusedException(ApiKeyRefusedException.Reason.WITHOUT_ROLE,
                    "This API key does not hold the '" + role.label() + "' role.");
        }
    }

    private static String presentedKey(String authorization, String apiKey) {
        if (authorization != null && !authorization.isBlank()) {
            String value = authorization.trim();
            if (value.length() > 7 && value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
                String key = value.substring(7).trim();
                return key.isEmpty() ? null : key;
            }
            return null;
        }
        if (apiKey != null && !apiKey.isBlank()) {
            return apiKey.trim();
        }
        return null;
    }
}
