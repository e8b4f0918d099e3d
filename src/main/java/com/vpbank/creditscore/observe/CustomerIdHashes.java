package com.vpbank.creditscore.observe;

import com.vpbank.creditscore.security.SecretKeyMac;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * What stands for a customer id in logs: an HMAC-SHA256 of the id under a secret key, cut to
 * 16 hex digits. The same id gives the same hash under the same key, so an operator holding
 * the key can find a customer's requests; the log alone does not reveal the id.
 */
public final class CustomerIdHashes {

    private final SecretKeyMac mac;

    public CustomerIdHashes(SecretKeyMac mac) {
        this.mac = mac;
    }

    public CustomerIdHashes(byte[] key) {
        this(new SecretKeyMac(key));
    }

    /** A key from the setting, or a random one for this process when the setting is empty. */
    public static CustomerIdHashes fromSetting(String setting) {
        return new CustomerIdHashes(SecretKeyMac.fromSetting(setting));
    }

    public String hash(String customerId) {
        byte[] digest = mac.mac().doFinal(customerId.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 8);
    }
}
