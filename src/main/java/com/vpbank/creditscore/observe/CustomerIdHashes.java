package com.vpbank.creditscore.observe;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What stands for a customer id in logs: an HMAC-SHA256 of the id under a secret key, cut to
 * 16 hex digits. The same id gives the same hash under the same key, so an operator holding
 * the key can find a customer's requests; the log alone does not reveal the id.
 */
public final class CustomerIdHashes {

    /** One initialised MAC per thread: no provider look-up or key set-up per request. */
    private final ThreadLocal<Mac> macs;

    public CustomerIdHashes(byte[] key) {
        SecretKeySpec spec = new SecretKeySpec(key, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(spec);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A key from the setting, or a random one for this process when the setting is empty. */
    public static CustomerIdHashes fromSetting(String setting) {
        if (setting == null || setting.isEmpty()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return new CustomerIdHashes(random);
        }
        return new CustomerIdHashes(setting.getBytes(StandardCharsets.UTF_8));
    }

    public String hash(String customerId) {
        byte[] digest = macs.get().doFinal(customerId.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 8);
    }
}
