package dev.gatehouse.crypto;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** libargon2 computes exactly what Gatehouse's Java Argon2id computes (itself checked against Bouncy Castle's). */
class NativeArgon2idTest {

    @Test
    void loadsOnLinuxX86() {
        assertThat(NativeArgon2id.unavailable()).as("libargon2 on this build machine").isNull();
    }

    @Test
    void agreesWithTheJavaImplementationOverManyParameters() {
        var random = new Random(20261204);
        int[][] cases = {
                {8, 1, 1, 32}, {16, 1, 2, 32}, {64, 3, 1, 16}, {64, 2, 4, 32}, {100, 2, 3, 64}, {256, 1, 1, 65},
                {256, 2, 1, 128}, {1024, 1, 1, 32}, {1024, 3, 2, 32}, {4096, 2, 1, 32}, {300, 4, 5, 40},
        };
        for (int[] c : cases) {
            for (int trial = 0; trial < 3; trial++) {
                byte[] password = new byte[random.nextInt(40)];
                byte[] salt = new byte[8 + random.nextInt(24)];
                random.nextBytes(password);
                random.nextBytes(salt);
                assertThat(HexFormat.of().formatHex(NativeArgon2id.hash(password, salt, c[0], c[1], c[2], c[3])))
                        .as("m=%d t=%d p=%d tag=%d", c[0], c[1], c[2], c[3])
                        .isEqualTo(HexFormat.of().formatHex(inJava(password, salt, c[0], c[1], c[2], c[3])));
            }
        }
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
