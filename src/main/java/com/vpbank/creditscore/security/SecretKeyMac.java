package com.vpbank.creditscore.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under a secret key from a setting, or under a random key for this process when
 * the setting is empty. One initialised MAC per thread: no provider look-up or key set-up
 * per request.
 */
public final class SecretKeyMac {

    private final ThreadLocal<Mac> macs;

    public SecretKeyMac(byte[] key) {
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

    /** The key of the setting, or a random one for this process when the setting is empty. */
    public static SecretKeyMac fromSetting(String setting) {
        if (setting == null || setting.isEmpty()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return new SecretKeyMac(random);
        }
        return new SecretKeyMac(setting.getBytes(StandardCharsets.UTF_8));
    }

    /** This thread's MAC, ready for a new message. */
    public Mac mac() {
        return macs.get();
    }
}
