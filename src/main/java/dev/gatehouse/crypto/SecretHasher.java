package dev.gatehouse.crypto;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Keyed hash (HMAC-SHA-256) for high-entropy values: client secrets and refresh tokens. They carry
 * 256 random bits, so a slow hash would cost throughput and buy nothing; the server-side key means a
 * stolen table alone cannot be checked offline.
 */
public final class SecretHasher {
    private final Mac prototype;

    public SecretHasher(MasterKey masterKey) {
        try {
            prototype = Mac.getInstance("HmacSHA256");
            prototype.init(new SecretKeySpec(masterKey.derive("gatehouse/secret-hash/v1"), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public String hash(String value) {
        return HexFormat.of().formatHex(newMac().doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }

    /** Constant-time comparison of a presented value against a stored hash. */
    public boolean matches(String presented, String storedHash) {
        return sameHash(hash(presented), storedHash);
    }

    /** Constant-time comparison of two hashes, so a value hashed once can be checked against several. */
    public static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    private Mac newMac() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 cannot be cloned", e);
        }
    }
}
