package dev.gatehouse.crypto;

import dev.gatehouse.config.Settings;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2id password hashes in PHC string form ({@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}, salt and
 * hash in unpadded standard base64). Hashes made with older parameters still verify; the parameters
 * come from the hash itself.
 *
 * <p>A password hash is the whole cost of a sign-in and of a password grant, so its speed is their
 * throughput. Where native code may run and libargon2 loads, {@link NativeArgon2id} computes it (about
 * 18 ms by default on a current server core); elsewhere {@link Argon2id} does, in Java (about 20–28 ms),
 * filling memory that is kept and reused from one hash to the next (wiped after each) instead of
 * allocating its {@code m} KiB every time. Both give the same tags. Hashes made by Bouncy Castle's and
 * password4j's Argon2, which Gatehouse used before, are the same PHC strings and verify unchanged.
 *
 * <p>Hashes run on {@link WorkerThreads} of their own, one per processor. Each hash holds its whole
 * memory cost ({@code m} KiB, 7 MiB by default), so the memory kept is one area per hashing thread,
 * while more hashes at once than processors could not finish sooner anyway.
 */
public final class PasswordHasher {
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    /** The parameters accepted from a stored hash: bounded like the settings, so a hash cannot ask for more. */
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,128})");

    private final Settings.PasswordHashing params;
    private final WorkerThreads hashing;
    private final boolean nativeCode;
    /** Each hashing thread's memory area, of the configured size, when hashes are computed in Java. */
    private final ThreadLocal<long[]> area;
    /**
     * Verified against when an account does not exist, so timing does not reveal which emails do: the
     * current parameters with a random salt and a random digest. Checking a password against it costs
     * one Argon2 hash, as against a real one, and no password matches it (the chance is 2^-256), so
     * nothing has to be hashed to make it.
     */
    private final String decoyHash;

    /** Hashes with libargon2 if {@code allowNative} and it loads here, else in Java. */
    public PasswordHasher(Settings.PasswordHashing params, boolean allowNative) {
        this(params, allowNative, Runtime.getRuntime().availableProcessors());
    }

    PasswordHasher(Settings.PasswordHashing params, boolean allowNative, int concurrentHashes) {
        this.params = params;
        this.nativeCode = allowNative && NativeArgon2id.unavailable() == null;
        if (allowNative && !nativeCode) {
            LoggerFactory.getLogger(PasswordHasher.class).info("libargon2 unavailable ({}); hashing passwords in Java",
                    NativeArgon2id.unavailable().toString());
        }
        this.hashing = new WorkerThreads("gatehouse-password-hash", Math.max(1, concurrentHashes));
        this.area = ThreadLocal.withInitial(() -> new long[Argon2id.memoryWords(params.memoryKib(), params.parallelism())]);
        this.decoyHash = phc(RandomValues.bytes(SALT_BYTES), RandomValues.bytes(HASH_BYTES));
    }

    public String hash(String password) {
        byte[] salt = RandomValues.bytes(SALT_BYTES);
        return phc(salt, argon2id(password, salt, params.memoryKib(), params.iterations(), params.parallelism(), HASH_BYTES));
    }

    private String phc(byte[] salt, byte[] hash) {
        return phcParameters() + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    private String phcParameters() {
        return "$argon2id$v=19$m=" + params.memoryKib() + ",t=" + params.iterations() + ",p=" + params.parallelism() + "$";
    }

    public boolean verify(String password, String storedHash) {
        if (storedHash == null) {
            verifyDecoy(password);
            return false;
        }
        Matcher m = PHC.matcher(storedHash);
        if (!m.matches()) return false;
        try {
            int memory = Integer.parseInt(m.group(1));
            int iterations = Integer.parseInt(m.group(2));
            int parallelism = Integer.parseInt(m.group(3));
            if (memory > 4 * 1024 * 1024 || iterations < 1 || parallelism < 1 || memory < 8 * parallelism) return false;
            byte[] salt = Base64.getDecoder().decode(m.group(4));
            byte[] expected = Base64.getDecoder().decode(m.group(5));
            byte[] actual = argon2id(password, salt, memory, iterations, parallelism, expected.length);
            return MessageDigest.isEqual(actual, expected);
        } catch (IllegalArgumentException malformedHash) {
            return false;
        }
    }

    /**
     * Whether a stored hash was made with other parameters than the current ones: after a match, the
     * password is hashed again so that changed settings reach existing accounts at their next sign-in.
     */
    public boolean outdated(String storedHash) {
        return storedHash != null && !storedHash.startsWith(phcParameters());
    }

    /** Spends the time of one verification without any account behind it. */
    public void verifyDecoy(String password) {
        verify(password, decoyHash);
    }

    /** Which implementation computes the hashes: {@code libargon2} or {@code java}. */
    public String implementation() {
        return nativeCode ? "libargon2" : "java";
    }

    /** The decoy (for tests). */
    String decoyHash() {
        return decoyHash;
    }

    /** How many hashes run now (for tests). */
    int runningHashes() {
        return hashing.busy();
    }

    private byte[] argon2id(String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        try {
            return hashing.call(() -> {
                try {
                    return nativeCode
                            ? NativeArgon2id.hash(secret, salt, memoryKib, iterations, parallelism, length)
                            : inJava(secret, salt, memoryKib, iterations, parallelism, length);
                } finally {
                    Arrays.fill(secret, (byte) 0);
                }
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a password hash", e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] inJava(byte[] secret, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        int words = Argon2id.memoryWords(memoryKib, parallelism);
        long[] memory = area.get();
        // A stored hash with other parameters gets an area of its own size, not kept.
        if (memory.length != words) memory = new long[words];
        try {
            return Argon2id.hash(secret, salt, memoryKib, iterations, parallelism, length, memory);
        } finally {
            Arrays.fill(memory, 0L);
        }
    }
}
