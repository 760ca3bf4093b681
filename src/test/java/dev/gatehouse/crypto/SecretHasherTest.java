package dev.gatehouse.crypto;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §3 refresh tokens and §4 secrets: values are stored only as a keyed hash (HMAC-SHA-256). */
class SecretHasherTest {
    private static final MasterKey KEY_A = master(1);
    private static final MasterKey KEY_B = master(2);
    private final SecretHasher hasher = new SecretHasher(KEY_A);

    @Test
    void theHashIsSixtyFourLowercaseHexDigits() {
        assertThat(hasher.hash("client-secret-value")).matches("[0-9a-f]{64}");
    }

    @Test
    void theHashIsDeterministicForOneMasterKey() {
        assertThat(hasher.hash("client-secret-value")).isEqualTo(new SecretHasher(KEY_A).hash("client-secret-value"));
    }

    @Test
    void anotherMasterKeyGivesAnotherHash() {
        assertThat(hasher.hash("client-secret-value")).isNotEqualTo(new SecretHasher(KEY_B).hash("client-secret-value"));
    }

    @Test
    void differentValuesGiveDifferentHashes() {
        assertThat(hasher.hash("value-1")).isNotEqualTo(hasher.hash("value-2"));
        assertThat(hasher.hash("")).isNotEqualTo(hasher.hash(" "));
    }

    @Test
    void theHashIsNotAPlainSha256OfTheValue() throws Exception {
        var sha = java.security.MessageDigest.getInstance("SHA-256").digest("value".getBytes());
        assertThat(hasher.hash("value")).isNotEqualTo(java.util.HexFormat.of().formatHex(sha));
    }

    @Test
    void matchesThePresentedValueAgainstItsStoredHash() {
        String stored = hasher.hash("client-secret-value");
        assertThat(hasher.matches("client-secret-value", stored)).isTrue();
        assertThat(hasher.matches("client-secret-valuf", stored)).isFalse();
        assertThat(hasher.matches("Client-secret-value", stored)).isFalse();
        assertThat(hasher.matches("", stored)).isFalse();
    }

    @Test
    void aHashFromAnotherMasterKeyDoesNotMatch() {
        assertThat(hasher.matches("client-secret-value", new SecretHasher(KEY_B).hash("client-secret-value"))).isFalse();
    }

    @Test
    void sameHashComparesWholeStrings() {
        String h = hasher.hash("x");
        assertThat(SecretHasher.sameHash(h, h)).isTrue();
        assertThat(SecretHasher.sameHash(h, new String(h))).isTrue();
        assertThat(SecretHasher.sameHash(h, h.substring(0, 63))).isFalse();
        assertThat(SecretHasher.sameHash(h, h + "0")).isFalse();
        assertThat(SecretHasher.sameHash(h, "")).isFalse();
        assertThat(SecretHasher.sameHash("", "")).isTrue();
        assertThat(SecretHasher.sameHash(h, h.toUpperCase())).isFalse();
    }

    @Test
    void oneHasherIsSafeToShareAcrossThreads() throws InterruptedException {
        String expected = hasher.hash("shared");
        var threads = new Thread[8];
        var failures = new java.util.concurrent.atomic.AtomicInteger();
        for (int t = 0; t < threads.length; t++) {
            threads[t] = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 500; i++) if (!hasher.hash("shared").equals(expected)) failures.incrementAndGet();
            });
        }
        for (Thread thread : threads) thread.join();
        assertThat(failures).hasValue(0);
    }

    private static MasterKey master(int seed) {
        byte[] raw = new byte[32];
        java.util.Arrays.fill(raw, (byte) seed);
        return MasterKey.load(Optional.of(Base64.getEncoder().encodeToString(raw)), Path.of("unused"));
    }
}
