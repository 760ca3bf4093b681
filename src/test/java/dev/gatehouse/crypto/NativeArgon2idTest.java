package dev.gatehouse.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** libargon2 computes exactly what Gatehouse's Java Argon2id computes (itself checked against Bouncy Castle's). */
class NativeArgon2idTest {

    @Test
    @EnabledOnOs(value = OS.LINUX, architectures = "amd64")
    void loadsOnLinuxX8664() {
        assertThat(NativeArgon2id.unavailable()).as("libargon2 on this build machine").isNull();
    }

    @Test
    void agreesWithTheJavaImplementationOverManyParameters() {
        Argon2Cases.forEach(20261204, (password, salt, m, t, p, tagLength) ->
                assertThat(HexFormat.of().formatHex(NativeArgon2id.hash(password, salt, m, t, p, tagLength)))
                        .as("m=%d t=%d p=%d tag=%d", m, t, p, tagLength)
                        .isEqualTo(HexFormat.of().formatHex(inJava(password, salt, m, t, p, tagLength))));
    }

    @Test
    void theProductionParametersAgree() {
        byte[] password = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
        byte[] salt = "sixteen byte salt".substring(0, 16).getBytes(StandardCharsets.UTF_8);
        assertThat(NativeArgon2id.hash(password, salt, 19456, 2, 1, 32)).isEqualTo(inJava(password, salt, 19456, 2, 1, 32));
    }

    @Test
    void parametersLibargon2RefusesAreAnIllegalArgument() {
        assertThatThrownBy(() -> NativeArgon2id.hash(new byte[1], new byte[7], 64, 1, 1, 32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Salt is too short");
        assertThatThrownBy(() -> NativeArgon2id.hash(new byte[1], new byte[16], 64, 0, 1, 32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Time cost is too small");
    }

    private static byte[] inJava(byte[] password, byte[] salt, int m, int t, int p, int length) {
        return Argon2id.hash(password, salt, m, t, p, length, new long[Argon2id.memoryWords(m, p)]);
    }
}
