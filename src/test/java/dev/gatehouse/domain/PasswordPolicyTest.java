package dev.gatehouse.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §4 users: the minimum password policy (10 to 256 characters, not the email, not one repeated character). */
class PasswordPolicyTest {
    private static final String EMAIL = "ada@example.com";

    @ParameterizedTest
    @ValueSource(strings = {"correct horse battery staple", "0123456789", "aaaaaaaaab", "pässwörtlï", "          x"})
    void acceptsPasswordsOfTenCharactersOrMoreWithoutCompositionRules(String password) {
        assertThat(PasswordPolicy.problem(password, EMAIL)).isEmpty();
    }

    @Test
    void refusesFewerThanTenCharacters() {
        assertThat(PasswordPolicy.problem("123456789", EMAIL)).contains("must be at least 10 characters");
        assertThat(PasswordPolicy.problem("", EMAIL)).contains("must be at least 10 characters");
    }

    @Test
    void acceptsExactlyTenAndExactlyTwoHundredFiftySixCharacters() {
        assertThat(PasswordPolicy.problem("abcdefghij", EMAIL)).isEmpty();
        assertThat(PasswordPolicy.problem("ab".repeat(128), EMAIL)).isEmpty();
    }

    @Test
    void refusesMoreThanTwoHundredFiftySixCharacters() {
        assertThat(PasswordPolicy.problem("ab".repeat(128) + "c", EMAIL)).contains("must be at most 256 characters");
    }

    @Test
    void countsCharactersNotUtf16Units() {
        String fiveEmoji = "\uD83D\uDD11\uD83D\uDEAA\uD83C\uDFF0\uD83D\uDD12\uD83D\uDDDD"; // 5 code points, 10 chars
        assertThat(fiveEmoji).hasSize(10);
        assertThat(PasswordPolicy.problem(fiveEmoji, EMAIL)).contains("must be at least 10 characters");
        assertThat(PasswordPolicy.problem(fiveEmoji + fiveEmoji, EMAIL)).isEmpty();
    }

    @Test
    void refusesTheEmailAddressInAnyCase() {
        assertThat(PasswordPolicy.problem("ada@example.com", EMAIL)).contains("must not be the email address");
        assertThat(PasswordPolicy.problem("ADA@Example.COM", EMAIL)).contains("must not be the email address");
        assertThat(PasswordPolicy.problem("ada@example.com", "  ada@example.com ")).contains("must not be the email address");
    }

    @Test
    void aPasswordMerelyContainingTheEmailIsAllowed() {
        assertThat(PasswordPolicy.problem("ada@example.com!", EMAIL)).isEmpty();
    }

    @Test
    void withoutAnEmailOnlyTheOtherRulesApply() {
        assertThat(PasswordPolicy.problem("ada@example.com", null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"aaaaaaaaaa", "          ", "1111111111111111", "\uD83D\uDD11\uD83D\uDD11\uD83D\uDD11\uD83D\uDD11"
            + "\uD83D\uDD11\uD83D\uDD11\uD83D\uDD11\uD83D\uDD11\uD83D\uDD11\uD83D\uDD11"})
    void refusesOneRepeatedCharacter(String password) {
        assertThat(PasswordPolicy.problem(password, EMAIL)).contains("must not repeat a single character");
    }
}
