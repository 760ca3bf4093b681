package dev.gatehouse.oauth;

import dev.gatehouse.config.Settings;
import dev.gatehouse.crypto.PasswordHasher;
import dev.gatehouse.crypto.RandomValues;
import dev.gatehouse.domain.Tenant;
import dev.gatehouse.domain.TenantSettings;
import dev.gatehouse.domain.User;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.TenantStore;
import dev.gatehouse.store.UserStore;
import dev.gatehouse.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The password check of both sign-in paths, and the upgrade of hashes made with older parameters. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PasswordCheckTest {
    private static final String PASSWORD = "a password of some length";
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    private final PasswordHasher older = new PasswordHasher(new Settings.PasswordHashing(1024, 1, 1), true);
    private final PasswordHasher current = new PasswordHasher(new Settings.PasswordHashing(2048, 2, 1), true);
    private Database db;
    private UserStore users;
    private PasswordCheck check;
    private String tenantId;

    @BeforeAll
    void openDatabase() {
        db = TestDatabase.openH2();
        users = new UserStore(db);
        check = new PasswordCheck(current, users);
        tenantId = RandomValues.uuid();
        new TenantStore(db).insert(new Tenant(tenantId, "pw-check", "Tenant", true, TenantSettings.defaults(), CREATED, CREATED));
    }

    @AfterAll
    void closeDatabase() {
        db.close();
    }

    private User user(String hash, boolean enabled) {
        String id = RandomValues.uuid();
        var u = new User(id, tenantId, id + "@example.com", "Someone", hash, enabled, false, List.of(), CREATED, CREATED);
        users.insert(u);
        return u;
    }

    private String storedHash(User u) {
        return users.byId(tenantId, u.id()).orElseThrow().passwordHash();
    }

    @Test
    void aHashWithOlderParametersIsReplacedAfterTheRightPassword() {
        User u = user(older.hash(PASSWORD), true);
        assertThat(check.passes(Optional.of(u), PASSWORD)).isTrue();
        String upgraded = storedHash(u);
        assertThat(upgraded).startsWith("$argon2id$v=19$m=2048,t=2,p=1$");
        assertThat(current.verify(PASSWORD, upgraded)).isTrue();
        assertThat(users.byId(tenantId, u.id()).orElseThrow().updated()).as("not a change anyone made").isEqualTo(CREATED);
        User reloaded = users.byId(tenantId, u.id()).orElseThrow();
        assertThat(check.passes(Optional.of(reloaded), PASSWORD)).isTrue();
        assertThat(storedHash(u)).as("a current hash is kept").isEqualTo(upgraded);
    }

    @Test
    void aWrongPasswordChangesNothing() {
        String hash = older.hash(PASSWORD);
        User u = user(hash, true);
        assertThat(check.passes(Optional.of(u), "not the password")).isFalse();
        assertThat(storedHash(u)).isEqualTo(hash);
    }

    @Test
    void aDisabledUserFailsAndKeepsTheHash() {
        String hash = older.hash(PASSWORD);
        User u = user(hash, false);
        assertThat(check.passes(Optional.of(u), PASSWORD)).isFalse();
        assertThat(storedHash(u)).isEqualTo(hash);
    }

    @Test
    void aPasswordSetDuringTheSignInIsNotOverwritten() {
        User u = user(older.hash(PASSWORD), true);
        String setMeanwhile = current.hash("the administrator's new password");
        users.update(new User(u.id(), tenantId, u.email(), u.displayName(), setMeanwhile, true, false, List.of(),
                CREATED, CREATED));
        assertThat(check.passes(Optional.of(u), PASSWORD)).as("the hash the sign-in read still matched").isTrue();
        assertThat(storedHash(u)).isEqualTo(setMeanwhile);
    }

    @Test
    void noAccountAndNoPasswordNeverPass() {
        assertThat(check.passes(Optional.empty(), PASSWORD)).isFalse();
        User withoutPassword = user(null, true);
        assertThat(check.passes(Optional.of(withoutPassword), PASSWORD)).isFalse();
        assertThat(storedHash(withoutPassword)).isNull();
    }
}
