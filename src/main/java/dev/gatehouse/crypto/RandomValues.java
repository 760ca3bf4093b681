package dev.gatehouse.crypto;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/** Unguessable identifiers and secrets from one SecureRandom. */
public final class RandomValues {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHANUMERIC =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private RandomValues() {}

    /** 256 random bits, base64url without padding (43 characters). */
    public static String secret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** {@code n} random bytes. */
    static byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** {@code length} characters from [A-Za-z0-9], chosen without bias. */
    public static String alphanumeric(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) out[i] = ALPHANUMERIC[RANDOM.nextInt(ALPHANUMERIC.length)];
        return new String(out);
    }

    public static String uuid() {
        return UUID.randomUUID().toString();
    }
}
