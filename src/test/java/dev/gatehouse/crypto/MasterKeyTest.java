package dev.gatehouse.crypto;

import dev.gatehouse.config.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SPEC §3 keys and §6 GATEHOUSE_MASTER_KEY: signing keys are encrypted at rest with the installation master key. */
class MasterKeyTest {
    private static final String KEY_A = Base64.getEncoder().encodeToString(bytes(32, 1));
    private static final String KEY_B = Base64.getEncoder().encodeToString(bytes(32, 2));

    @TempDir
    Path dataDir;

    private MasterKey configured(String base64) {
        return MasterKey.load(Optional.of(base64), dataDir);
    }

    @Test
    void encryptThenDecryptWithTheSameContextGivesThePlaintextBack() {
        var key = configured(KEY_A);
        String plaintext = "{\"kty\":\"RSA\",\"d\":\"private parts\",\"note\":\"ünïcödé 🔑\"}";
        String sealed = key.encrypt(plaintext, "kid-1");
        assertThat(sealed).startsWith("v1:").doesNotContain("private parts");
        assertThat(key.decrypt(sealed, "kid-1")).isEqualTo(plaintext);
    }

    @Test
    void anEmptyPlaintextRoundTrips() {
        var key = configured(KEY_A);
        assertThat(key.decrypt(key.encrypt("", "kid-1"), "kid-1")).isEmpty();
    }

    @Test
    void theSameKeyLoadedTwiceDecryptsWhatTheOtherEncrypted() {
        String sealed = configured(KEY_A).encrypt("secret", "kid-1");
        assertThat(configured(KEY_A).decrypt(sealed, "kid-1")).isEqualTo("secret");
    }

    @Test
    void everyEncryptionUsesAFreshIv() {
        var key = configured(KEY_A);
        assertThat(key.encrypt("secret", "kid-1")).isNotEqualTo(key.encrypt("secret", "kid-1"));
    }

    @Test
    void aDifferentContextFailsToDecrypt() {
        var key = configured(KEY_A);
        String sealed = key.encrypt("secret", "kid-1");
        assertThatThrownBy(() -> key.decrypt(sealed, "kid-2"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot decrypt a stored key");
    }

    @Test
    void aFlippedCiphertextByteFailsToDecrypt() {
        var key = configured(KEY_A);
        String sealed = key.encrypt("secret", "kid-1");
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        for (int i : new int[] {0, 11, 12, raw.length - 1}) { // IV, first ciphertext byte, tag
            byte[] tampered = raw.clone();
            tampered[i] ^= 0x01;
            String bad = "v1:" + Base64.getEncoder().encodeToString(tampered);
            assertThatThrownBy(() -> key.decrypt(bad, "kid-1")).as("byte %d", i)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot decrypt a stored key");
        }
    }

    @Test
    void anotherMasterKeyFailsToDecrypt() {
        String sealed = configured(KEY_A).encrypt("secret", "kid-1");
        assertThatThrownBy(() -> configured(KEY_B).decrypt(sealed, "kid-1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is GATEHOUSE_MASTER_KEY the one it was encrypted with?");
    }

    @Test
    void anUnknownCiphertextFormatIsRefused() {
        var key = configured(KEY_A);
        String sealed = key.encrypt("secret", "kid-1");
        assertThatThrownBy(() -> key.decrypt("v2:" + sealed.substring(3), "kid-1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("unknown ciphertext format");
    }

    @Test
    void aConfiguredKeyOfTheWrongLengthIsAConfigurationError() {
        for (int length : new int[] {0, 16, 31, 33, 64}) {
            String value = Base64.getEncoder().encodeToString(bytes(length, 7));
            assertThatThrownBy(() -> configured(value)).as("%d bytes", length)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("GATEHOUSE_MASTER_KEY must be 32 bytes, base64-encoded");
        }
    }

    @Test
    void aConfiguredKeyThatIsNotBase64IsAConfigurationErrorThatDoesNotEchoIt() {
        String value = "this is not base64 at all!!";
        assertThatThrownBy(() -> configured(value))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("GATEHOUSE_MASTER_KEY must be 32 bytes, base64-encoded");
    }

    @Test
    void aConfiguredKeyMayCarrySurroundingWhitespace() {
        String sealed = configured(KEY_A).encrypt("secret", "kid-1");
        assertThat(configured("  " + KEY_A + "\n").decrypt(sealed, "kid-1")).isEqualTo("secret");
    }

    @Test
    void aConfiguredKeyWritesNothingToTheDataDir() throws IOException {
        configured(KEY_A);
        try (var files = Files.list(dataDir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void withoutAConfiguredKeyTheFirstLoadGeneratesAnOwnerOnlyKeyFile() throws IOException {
        Path dir = dataDir.resolve("nested/data");
        var key = MasterKey.load(Optional.empty(), dir);
        Path file = dir.resolve("master.key");
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        byte[] generated = Base64.getDecoder().decode(Files.readString(file).trim());
        assertThat(generated).hasSize(32);
        String sealed = key.encrypt("secret", "kid-1");
        assertThat(configured(Files.readString(file)).decrypt(sealed, "kid-1")).isEqualTo("secret");
    }

    @Test
    void theSecondLoadReadsTheGeneratedKeyBack() throws IOException {
        var first = MasterKey.load(Optional.empty(), dataDir);
        String written = Files.readString(dataDir.resolve("master.key"));
        var second = MasterKey.load(Optional.empty(), dataDir);
        assertThat(Files.readString(dataDir.resolve("master.key"))).isEqualTo(written);
        assertThat(second.decrypt(first.encrypt("secret", "kid-1"), "kid-1")).isEqualTo("secret");
    }

    @Test
    void eachDataDirGetsItsOwnGeneratedKey() {
        var one = MasterKey.load(Optional.empty(), dataDir.resolve("one"));
        var two = MasterKey.load(Optional.empty(), dataDir.resolve("two"));
        String sealed = one.encrypt("secret", "kid-1");
        assertThatThrownBy(() -> two.decrypt(sealed, "kid-1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aConfiguredKeyWinsOverAGeneratedKeyFile() {
        MasterKey.load(Optional.empty(), dataDir);
        String sealed = configured(KEY_A).encrypt("secret", "kid-1");
        assertThat(MasterKey.load(Optional.of(KEY_A), dataDir).decrypt(sealed, "kid-1")).isEqualTo("secret");
        assertThatThrownBy(() -> MasterKey.load(Optional.empty(), dataDir).decrypt(sealed, "kid-1"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aDamagedKeyFileIsAConfigurationError() throws IOException {
        Files.writeString(dataDir.resolve("master.key"), Base64.getEncoder().encodeToString(bytes(20, 3)));
        assertThatThrownBy(() -> MasterKey.load(Optional.empty(), dataDir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("GATEHOUSE_MASTER_KEY must be 32 bytes, base64-encoded");
    }

    @Test
    void subkeysDependOnTheirLabelAndTheMasterKey() {
        var a = configured(KEY_A);
        assertThat(a.derive("x")).hasSize(32).isEqualTo(configured(KEY_A).derive("x"));
        assertThat(a.derive("x")).isNotEqualTo(a.derive("y"));
        assertThat(a.derive("x")).isNotEqualTo(configured(KEY_B).derive("x"));
    }

    private static byte[] bytes(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) b[i] = (byte) (seed * 31 + i);
        return b;
    }
}
