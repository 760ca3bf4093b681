package dev.gatehouse.crypto;

import dev.gatehouse.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §1 users: passwords are kept as Argon2id hashes. The production parameters of Settings cost a
 * noticeable fraction of a second per hash, so only the tests about them use them; the rest use cheap ones.
 */
class PasswordHasherTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final PasswordHasher PRODUCTION = new PasswordHasher(Settings.from(Map.of()).passwordHashing(), true);
    private static final String PRODUCTION_HASH = PRODUCTION.hash(PASSWORD);
    private static final PasswordHasher CHEAP = new PasswordHasher(new Settings.PasswordHashing(1024, 1, 1), true);
    private static final String CHEAP_HASH = CHEAP.hash(PASSWORD);

    @Test
    void theHashIsAnArgon2idPhcStringWithTheProductionParameters() {
        assertThat(PRODUCTION_HASH).startsWith("$argon2id$v=19$m=7168,t=5,p=1$");
        String[] parts = PRODUCTION_HASH.split("\\$");
        assertThat(parts).hasSize(6);
        assertThat(parts[4]).as("16-byte salt").matches("[A-Za-z0-9+/]{22}");
        assertThat(parts[5]).as("32-byte hash").matches("[A-Za-z0-9+/]{43}");
    }

    @Test
    void theRightPasswordVerifiesAgainstAProductionHash() {
        assertThat(PRODUCTION.verify(PASSWORD, PRODUCTION_HASH)).isTrue();
    }

    @Test
    void aWrongPasswordDoesNotVerifyAgainstAProductionHash() {
        assertThat(PRODUCTION.verify("correct horse battery stapler", PRODUCTION_HASH)).isFalse();
    }

    @Test
    void aWrongPasswordDoesNotVerify() {
        assertThat(CHEAP.verify("Correct horse battery staple", CHEAP_HASH)).isFalse();
        assertThat(CHEAP.verify(PASSWORD + " ", CHEAP_HASH)).isFalse();
        assertThat(CHEAP.verify("", CHEAP_HASH)).isFalse();
    }

    @Test
    void twoHashesOfTheSamePasswordDifferButBothVerify() {
        String other = CHEAP.hash(PASSWORD);
        assertThat(other).isNotEqualTo(CHEAP_HASH);
        assertThat(CHEAP.verify(PASSWORD, other)).isTrue();
        assertThat(CHEAP.verify(PASSWORD, CHEAP_HASH)).isTrue();
    }

    @Test
    void aMissingHashVerifiesNothing() {
        assertThat(CHEAP.verify(PASSWORD, null)).isFalse();
    }

    @Test
    void theDecoyForMissingAccountsCostsAHashWithTheCurrentParametersAndMatchesNothing() {
        // Its parameters are what a verification against it spends, as against a stored hash.
        assertThat(PRODUCTION.decoyHash()).matches("\\$argon2id\\$v=19\\$m=7168,t=5,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(CHEAP.decoyHash()).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
        assertThat(new PasswordHasher(new Settings.PasswordHashing(1024, 1, 1), true).decoyHash())
                .as("a random one per process").isNotEqualTo(CHEAP.decoyHash());
        for (String password : new String[] {PASSWORD, "", "x"}) {
            assertThat(CHEAP.verify(password, CHEAP.decoyHash())).isFalse();
        }
    }

    @Test
    void aMalformedHashVerifiesNothing() {
        assertThat(CHEAP.verify(PASSWORD, "")).isFalse();
        assertThat(CHEAP.verify(PASSWORD, "not a hash")).isFalse();
        assertThat(CHEAP.verify(PASSWORD, "$argon2id$v=19$m=1024,t=1,p=1$")).isFalse();
        assertThat(CHEAP.verify(PASSWORD, "$argon2id$v=19$m=abc,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaA")).isFalse();
        assertThat(CHEAP.verify(PASSWORD, CHEAP_HASH.substring(0, CHEAP_HASH.length() - 10))).isFalse();
        assertThat(CHEAP.verify(PASSWORD, "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy")).isFalse();
    }

    @Test
    void aHashMadeWithOtherParametersStillVerifies() {
        assertThat(CHEAP_HASH).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
        var otherParameters = new PasswordHasher(new Settings.PasswordHashing(2048, 2, 1), true);
        assertThat(otherParameters.verify(PASSWORD, CHEAP_HASH)).isTrue();
        assertThat(otherParameters.verify("wrong password", CHEAP_HASH)).isFalse();
    }

    @Test
    void aHashIsOutdatedWhenAnyParameterDiffers() {
        assertThat(CHEAP.outdated(CHEAP_HASH)).isFalse();
        assertThat(PRODUCTION.outdated(CHEAP_HASH)).isTrue();
        assertThat(new PasswordHasher(new Settings.PasswordHashing(1024, 2, 1), true).outdated(CHEAP_HASH)).isTrue();
        assertThat(new PasswordHasher(new Settings.PasswordHashing(1024, 1, 2), true).outdated(CHEAP_HASH)).isTrue();
        assertThat(new PasswordHasher(new Settings.PasswordHashing(10240, 1, 1), true).outdated(CHEAP_HASH))
                .as("m=1024 is a prefix of m=10240, not the same").isTrue();
        assertThat(CHEAP.outdated(null)).as("an account without a password").isFalse();
    }

    @Test
    void unicodePasswordsVerifyExactly() {
        String stored = CHEAP.hash("pässwörd-ñ-🔑");
        assertThat(CHEAP.verify("pässwörd-ñ-🔑", stored)).isTrue();
        assertThat(CHEAP.verify("passwörd-ñ-🔑", stored)).isFalse();
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, architectures = "amd64")
    void libargon2HashesWhereItLoadsAndTheJavaImplementationOtherwiseWithHashesValidInBoth() {
        var inJava = new PasswordHasher(new Settings.PasswordHashing(1024, 1, 1), false);
        assertThat(CHEAP.implementation()).isEqualTo("libargon2");
        assertThat(inJava.implementation()).isEqualTo("java");
        assertThat(inJava.verify(PASSWORD, CHEAP_HASH)).isTrue();
        assertThat(inJava.verify(PASSWORD + "!", CHEAP_HASH)).isFalse();
        String madeInJava = inJava.hash(PASSWORD);
        assertThat(CHEAP.verify(PASSWORD, madeInJava)).isTrue();
        assertThat(CHEAP.verify(PASSWORD + "!", madeInJava)).isFalse();
    }

    /** Hashes made by password4j, which Gatehouse used before Bouncy Castle: stored hashes keep verifying. */
    @Test
    void hashesMadeByTheEarlierArgon2LibraryStillVerify() {
        String cheap = "$argon2id$v=19$m=1024,t=1,p=1$MpM0mmYCjQp78vtGntow3Q$aownklDXLp32EBZ621AArv65EJqbgd/jvTNaAVY71Tw";
        String unicode = "$argon2id$v=19$m=1024,t=1,p=1$7KfdnMs9evcjY58GWU11yg$DXF1dTd0sDFxVugClY2fG2ospmUJfUrzlyFOagt5lk4";
        String twoLanes = "$argon2id$v=19$m=2048,t=2,p=2$73iDd7JPawFvTWhiGUU/AQ$rHjKTCc2+3FJ4VCJi7wSl4whuQLFzDtMI1T+HtcAeX8";
        assertThat(CHEAP.verify(PASSWORD, cheap)).isTrue();
        assertThat(CHEAP.verify(PASSWORD + "!", cheap)).isFalse();
        assertThat(CHEAP.verify("p\u00e4ssw\u00f6rd-\u00f1-\ud83d\udd11", unicode)).isTrue();
        assertThat(CHEAP.verify(PASSWORD, twoLanes)).isTrue();
    }

    @Test
    void aHashAskingForMoreThanTheLimitsVerifiesNothing() {
        assertThat(CHEAP.verify(PASSWORD, "$argon2id$v=19$m=9999999,t=1,p=1$MpM0mmYCjQp78vtGntow3Q$aownklDXLp32EBZ621AArv65EJqbgd/jvTNaAVY71Tw"))
                .isFalse();
        assertThat(CHEAP.verify(PASSWORD, "$argon2i$v=19$m=1024,t=1,p=1$MpM0mmYCjQp78vtGntow3Q$aownklDXLp32EBZ621AArv65EJqbgd/jvTNaAVY71Tw"))
                .isFalse();
    }

    /** Hashes beyond the hashing threads wait their turn (bounded memory); each still gets the right answer. */
    @Test
    void concurrentVerificationsAreLimitedAndAllCorrect() throws Exception {
        var oneAtATime = new PasswordHasher(new Settings.PasswordHashing(1024, 1, 1), true, 1);
        String stored = oneAtATime.hash(PASSWORD);
        var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        var results = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
        var maxBusy = new java.util.concurrent.atomic.AtomicInteger();
        for (int i = 0; i < 16; i++) {
            boolean right = i % 2 == 0;
            results.add(pool.submit(() -> {
                boolean ok = oneAtATime.verify(right ? PASSWORD : "wrong", stored);
                return ok == right;
            }));
            pool.submit(() -> maxBusy.accumulateAndGet(oneAtATime.runningHashes(), Math::max));
        }
        for (var r : results) assertThat(r.get()).isTrue();
        pool.shutdown();
        assertThat(maxBusy.get()).isLessThanOrEqualTo(1);
    }
}
