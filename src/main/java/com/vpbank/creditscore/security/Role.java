package com.vpbank.creditscore.security;

import java.util.Locale;

/**
 * What an API key may do: {@code scorer} predicts and searches, {@code admin} reloads models
 * and reads model risk reports, {@code outcomes} records observed outcomes.
 */
public enum Role {
    SCORER,
    ADMIN,
    /** Records observed outcomes (POST /api/v1/outcomes), and nothing else. */
    OUTCOMES;

    public static Role parse(String name) {
        try {
            return Role.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role '" + name.trim() + "' (roles: scorer, admin, outcomes)");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
