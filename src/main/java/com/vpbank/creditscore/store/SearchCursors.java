package com.vpbank.creditscore.store;

import com.vpbank.creditscore.security.SecretKeyMac;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;

/**
 * The search's {@code next}, sent back as {@code cursor}: the history sort key a page ends at,
 * signed together with the customer id under a secret key, so that only a cursor the service
 * gave for that customer is taken back. Its form is {@code base64url(sort key) "."
 * base64url(HMAC-SHA256(key, customer id NUL sort key), first 16 bytes)}, base64url without
 * padding; a cursor in any other form (padding added, for one) is refused.
 *
 * <p>Every replica must hold the same key ({@code CURSOR_KEY}) for a cursor from one to be
 * taken by another; with none set, the key is random per process.
 */
public final class SearchCursors {

    private static final int SIGNATURE_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeyMac key;

    public SearchCursors(SecretKeyMac key) {
        this.key = key;
    }

    /** A key from the setting, or a random one for this process when the setting is empty. */
    public static SearchCursors fromSetting(String setting) {
        return new SearchCursors(SecretKeyMac.fromSetting(setting));
    }

    /** The cursor that continues a customer's history after {@code sortKey}. */
    public String next(String customerId, String sortKey) {
        byte[] key = sortKey.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(key) + "." + ENCODER.encodeToString(signature(customerId, key));
    }

    /**
     * The sort key a cursor continues after.
     *
     * @throws InvalidCursorException  when the cursor was not given by this service for this
     *                                 customer: forged, changed, or another customer's
     */
    public String sortKey(String customerId, String cursor) {
        int dot = cursor.indexOf('.');
        if (dot > 0) {
            try {
                byte[] key = decodeExactly(cursor.substring(0, dot));
                byte[] signature = decodeExactly(cursor.substring(dot + 1));
                if (MessageDigest.isEqual(signature, signature(customerId, key))) {
                    return new String(key, StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException notBase64) {
                // answered below
            }
        }
        throw new InvalidCursorException("'cursor' must be the 'next' string of a previous answer for this customer.");
    }

    /**
     * The bytes of a part in exactly the form {@link #next} writes: unpadded base64url. Padding,
     * or trailing bits a decoder ignores, make another string of the same bytes, which is not
     * a cursor the service gave.
     */
    private static byte[] decodeExactly(String part) {
        byte[] bytes = DECODER.decode(part);
        if (!ENCODER.encodeToString(bytes).equals(part)) {
            throw new IllegalArgumentException("not in the form the service writes");
        }
        return bytes;
    }

    private byte[] signature(String customerId, byte[] sortKey) {
        Mac mac = key.mac();
        mac.update(customerId.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return Arrays.copyOf(mac.doFinal(sortKey), SIGNATURE_BYTES);
    }
}
