package com.vpbank.creditscore.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private static final String SCORER = ApiKeys.sha256Hex("scorer-key");
    private static final String BOTH = ApiKeys.sha256Hex("both-key");

    @Test
    void aKeyHasTheRolesItsHashIsListedWith() {
        ApiKeys keys = ApiKeys.parse("scorer:" + SCORER + ", scorer:" + BOTH + ",admin:" + BOTH.toUpperCase());

        assertEquals(Set.of(Role.SCORER), keys.rolesOf("scorer-key"));
        assertEquals(EnumSet.of(Role.SCORER, Role.ADMIN), keys.rolesOf("both-key"));
        assertEquals(Set.of(), keys.rolesOf("other-key"));
        assertEquals(Set.of(), keys.rolesOf(SCORER), "the hash itself is not a key");
    }

    @Test
    void theSha256OfAKnownTextIsTheStandardOne() {
        assertEquals("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", ApiKeys.sha256Hex("test"));
    }

    @Test
    void aBadEntryStopsTheStartUpWithoutEchoingIt() {
        IllegalArgumentException notHex = assertThrows(IllegalArgumentException.class,
                () -> ApiKeys.parse("scorer:" + SCORER + ",admin:plain-secret-key"));
        assertEquals("API_KEYS entry 2 does not hold a SHA-256 hash (64 hex digits)", notHex.getMessage());
        IllegalArgumentException role = assertThrows(IllegalArgumentException.class,
                () -> ApiKeys.parse("root:" + SCORER));
        assertTrue(role.getMessage().contains("unknown role 'root'"));
        assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse(SCORER));
    }

    @Test
    void emptySettingMeansNoKeys() {
        assertTrue(ApiKeys.parse("").isEmpty());
        assertTrue(ApiKeys.parse(" , ").isEmpty());
    }

    @Test
    void aKeyIsRefusedWhenMissingUnknownOrWithoutTheRole() {
        ApiKeyAuthentication authentication = new ApiKeyAuthentication(ApiKeys.parse("scorer:" + SCORER));

        authentication.authorize("Bearer scorer-key", null, Role.SCORER);
        authentication.authorize(null, "scorer-key", Role.SCORER);
        authentication.authorize("bearer   scorer-key ", null, Role.SCORER);
        assertEquals(ApiKeyRefusedException.Reason.MISSING, assertThrows(ApiKeyRefusedException.class,
                () -> authentication.authorize(null, null, Role.SCORER)).reason());
        assertEquals(ApiKeyRefusedException.Reason.MISSING, assertThrows(ApiKeyRefusedException.class,
                () -> authentication.authorize("Basic c2NvcmVyLWtleQ==", null, Role.SCORER)).reason());
        assertEquals(ApiKeyRefusedException.Reason.UNKNOWN, assertThrows(ApiKeyRefusedException.class,
                () -> authentication.authorize("Bearer wrong", null, Role.SCORER)).reason());
        assertEquals(ApiKeyRefusedException.Reason.WITHOUT_ROLE, assertThrows(ApiKeyRefusedException.class,
                () -> authentication.authorize("Bearer scorer-key", null, Role.ADMIN)).reason());
    }
}
