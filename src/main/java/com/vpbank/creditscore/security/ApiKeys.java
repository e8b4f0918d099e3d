package com.vpbank.creditscore.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The API keys the service accepts, held only as SHA-256 hashes, each with a role.
 *
 * <p>The setting is a comma-separated list of {@code role:sha256-hex} entries, for example
 * {@code scorer:9f86d08...,admin:60303ae...}; a key that holds both roles is listed twice.
 * A presented key is hashed and compared with every entry in constant time, so neither the
 * comparison nor the position of a match shows in the response time.
 */
public final class ApiKeys {

    private record Entry(Role role, byte[] hash) {
    }

    private final List<Entry> entries;

    private ApiKeys(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Parses the setting; an entry that is not {@code role:64-hex-digits} stops the start-up. */
    public static ApiKeys parse(String setting) {
        List<Entry> entries = new ArrayList<>();
        String[] items = setting == null ? new String[0] : setting.split(",");
        for (int i = 0; i < items.length; i++) {
            String item = items[i].trim();
            if (item.isEmpty()) {
                continue;
            }
            int colon = item.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("API_KEYS entry " + (i + 1) + " is not role:sha256-hex");
            }
            Role role;
            try {
                role = Role.parse(item.substring(0, colon));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("API_KEYS entry " + (i + 1) + ": " + e.getMessage());
            }
            String hex = item.substring(colon + 1).trim();
            if (!hex.matches("[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException(
                        "API_KEYS entry " + (i + 1) + " does not hold a SHA-256 hash (64 hex digits)");
            }
            entries.add(new Entry(role, HexFormat.of().parseHex(hex.toLowerCase())));
        }
        return new ApiKeys(entries);
    }

    /** Keys for a plain key given in clear, for the embedded default's documented demo key. */
    public static ApiKeys of(String plainKey, Set<Role> roles) {
        List<Entry> entries = new ArrayList<>();
        for (Role role : roles) {
            entries.add(new Entry(role, sha256(plainKey)));
        }
        return new ApiKeys(entries);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public int size() {
        return entries.size();
    }

    /** The roles of a presented key: empty when the key is unknown. */
    public Set<Role> rolesOf(String presentedKey) {
        byte[] presented = sha256(presentedKey);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.hash(), presented)) {
                roles.add(entry.role());
            }
        }
        return roles;
    }

    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text));
    }
}
