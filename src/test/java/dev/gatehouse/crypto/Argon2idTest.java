package dev.gatehouse.crypto;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Gatehouse's Argon2id computes exactly what Bouncy Castle's generator computes. */
class Argon2idTest {

    @Test
    void agreesWithBouncyCastleOverManyParameters() {
        Argon2Cases.forEach(20261123, (password, salt, m, t, p, tagLength) -> {
            byte[] ours = Argon2id.hash(password, salt, m, t, p, tagLength, new long[Argon2id.memoryWords(m, p)]);
            assertThat(HexFormat.of().formatHex(ours))
                    .as("m=%d t=%d p=%d tag=%d", m, t, p, tagLength)
                    .isEqualTo(HexFormat.of().formatHex(bouncyCastle(password, salt, m, t, p, tagLength)));
        });
    }

    @Test
    void theProductionParametersAgreeAndReusedMemoryGivesTheSameTag() {
        byte[] password = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
        byte[] salt = "sixteen byte salt".substring(0, 16).getBytes(StandardCharsets.UTF_8);
        long[] area = new long[Argon2id.memoryWords(19456, 1)];
        byte[] first = Argon2id.hash(password, salt, 19456, 2, 1, 32, area);
        assertThat(first).isEqualTo(bouncyCastle(password, salt, 19456, 2, 1, 32));
        assertThat(Argon2id.hash(password, salt, 19456, 2, 1, 32, area)).as("the area is left dirty").isEqualTo(first);
    }

    @Test
    void memoryIsRoundedDownToWholeSegmentsAndRefusedWhenTooSmall() {
        assertThat(Argon2id.memoryWords(19456, 1)).isEqualTo(19456 * 128);
        assertThat(Argon2id.memoryWords(1000, 3)).isEqualTo(996 * 128);
        assertThat(Argon2id.memoryWords(4, 1)).as("at least 8 blocks per lane").isEqualTo(8 * 128);
        assertThatThrownBy(() -> Argon2id.hash(new byte[1], new byte[16], 64, 1, 1, 32, new long[63 * 128]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bouncyCastle(byte[] password, byte[] salt, int m, int t, int p, int length) {
        var generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(m).withIterations(t).withParallelism(p).withSalt(salt).build());
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        return out;
    }
}
