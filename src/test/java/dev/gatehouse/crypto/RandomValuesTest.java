package dev.gatehouse.crypto;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HashSet;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §4: generated client ids (30 alphanumerics) and secrets (at least 256 bits of randomness). */
class RandomValuesTest {

    @Test
    void aSecretIs256BitsAsUnpaddedBase64Url() {
        String secret = RandomValues.secret();
        assertThat(secret).hasSize(43).matches("[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(32);
    }

    @Test
    void secretsDoNotRepeat() {
        var seen = new HashSet<String>();
        for (int i = 0; i < 1000; i++) assertThat(seen.add(RandomValues.secret())).isTrue();
    }

    @Test
    void alphanumericHasTheAskedLengthAndOnlyLettersAndDigits() {
        for (int length : new int[] {0, 1, 24, 30, 100}) {
            assertThat(RandomValues.alphanumeric(length)).hasSize(length).matches("[A-Za-z0-9]*");
        }
    }

    @Test
    void alphanumericUsesTheWholeAlphabet() {
        var seen = new HashSet<Character>();
        String sample = RandomValues.alphanumeric(10_000);
        for (char c : sample.toCharArray()) seen.add(c);
        assertThat(seen).hasSize(62);
    }

    @Test
    void alphanumericValuesDoNotRepeat() {
        var values = IntStream.range(0, 1000).mapToObj(i -> RandomValues.alphanumeric(30)).toList();
        assertThat(new HashSet<>(values)).hasSize(1000);
    }

    @Test
    void aUuidIsARandomVersionFourUuidInCanonicalForm() {
        String id = RandomValues.uuid();
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(UUID.fromString(id).version()).isEqualTo(4);
        assertThat(RandomValues.uuid()).isNotEqualTo(id);
    }
}
