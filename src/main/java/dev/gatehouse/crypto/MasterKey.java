package dev.gatehouse.crypto;

import dev.gatehouse.config.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The installation master key (256 bits). It encrypts signing keys at rest with AES-256-GCM and
 * derives the key that hashes client secrets and refresh tokens.
 */
public final class MasterKey {
    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);
    private static final String FILE_NAME = "master.key";
    private static final String FORMAT = "v1:";
    private static final int IV_BYTES = 12;

    private final SecretKeySpec encryptionKey;
    private final byte[] raw;
    private final SecureRandom random = new SecureRandom();

    MasterKey(byte[] raw) {
        if (raw.length != 32) throw new ConfigurationException("GATEHOUSE_MASTER_KEY must be 32 bytes, base64-encoded");
        this.raw = raw.clone();
        this.encryptionKey = new SecretKeySpec(derive("gatehouse/encryption/v1"), "AES");
    }

    /**
     * The configured key, else the one generated earlier into the data dir, else a new one written
     * there (with a warning: production installations should supply their own).
     */
    public static MasterKey load(Optional<String> configured, Path dataDir) {
        if (configured.isPresent()) return new MasterKey(decode(configured.get()));
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) return new MasterKey(decode(Files.readString(file).trim()));
            Files.createDirectories(dataDir);
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            try {
                // Created owner-only from the start, so the key is never readable by others, not even briefly.
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(key));
            log.warn("No GATEHOUSE_MASTER_KEY set: generated one into {}. Set GATEHOUSE_MASTER_KEY in production"
                    + " and keep it safe: it encrypts the signing keys.", file);
            return new MasterKey(key);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read or write the master key in " + dataDir + ": " + e.getMessage());
        }
    }

    private static byte[] decode(String value) {
        try {
            return Base64.getDecoder().decode(value.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("GATEHOUSE_MASTER_KEY must be 32 bytes, base64-encoded");
        }
    }

    /** A subkey for one purpose: HMAC-SHA-256(master, label). */
    byte[] derive(String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(raw, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Encrypts and binds the ciphertext to {@code context} (for example a key id). */
    public String encrypt(String plaintext, String context) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(128, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return FORMAT + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    public String decrypt(String encrypted, String context) {
        if (!encrypted.startsWith(FORMAT)) throw new IllegalStateException("unknown ciphertext format");
        try {
            byte[] in = Base64.getDecoder().decode(encrypted.substring(FORMAT.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(128, in, 0, IV_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IllegalStateException("cannot decrypt a stored key: is GATEHOUSE_MASTER_KEY the one it was"
                    + " encrypted with?", e);
        }
    }
}
