package dev.gatehouse.store;

import dev.gatehouse.crypto.RandomValues;
import dev.gatehouse.domain.Tenant;
import dev.gatehouse.domain.TenantSettings;
import dev.gatehouse.domain.User;
import dev.gatehouse.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Users as the token grants read them: per tenant, without the password hash, fresh after a change. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserCacheTest {
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    private Database db;
    private UserStore store;
    private UserCache cache;

    @BeforeAll
    void open() {
        db = TestDatabase.openH2();
        store = new UserStore(db);
        cache = new UserCache(store, new ChangeFeed(db, Clock.systemUTC()));
    }

    @AfterAll
    void close() {
        db.close();
    }

    private String tenant() {
        String id = RandomValues.uuid();
        new TenantStore(db).insert(new Tenant(id, "t-" + RandomValues.alphanumeric(8), "Tenant", true,
                TenantSettings.defaults(), CREATED, CREATED));
        return id;
    }

    private User user(String tenantId, boolean enabled, List<String> roles) {
        return new User(RandomValues.uuid(), tenantId, RandomValues.alphanumeric(8) + "@example.com", "Someone",
                "$argon2id$v=19$m=7168,t=5,p=1$c2FsdA$aGFzaA", enabled, false, roles, CREATED, CREATED);
    }

    @Test
    void aCachedUserHasItsRolesButNoPasswordHashAndOnlyInItsTenant() {
        String tenantId = tenant();
        User u = user(tenantId, true, List.of("Skill User"));
        store.insert(u);

        User found = cache.find(tenantId, u.id()).orElseThrow();
        assertThat(found.email()).isEqualTo(u.email());
        assertThat(found.roles()).containsExactly("Skill User");
        assertThat(found.passwordHash()).isNull();
        assertThat(cache.find(tenant(), u.id())).as("another tenant").isEmpty();
        assertThat(cache.find(tenantId, RandomValues.uuid())).isEmpty();
    }

    @Test
    void aChangeIsSeenOnlyAfterItsInvalidation() {
        String tenantId = tenant();
        User u = user(tenantId, true, List.of());
        store.insert(u);
        assertThat(cache.find(tenantId, u.id()).orElseThrow().enabled()).isTrue();

        store.update(new User(u.id(), tenantId, u.email(), u.displayName(), u.passwordHash(), false, false,
                List.of("Skill Designer"), CREATED, CREATED.plusSeconds(1)));
        assertThat(cache.find(tenantId, u.id()).orElseThrow().enabled()).as("still the cached user").isTrue();

        cache.invalidate(tenantId, u.id());
        User changed = cache.find(tenantId, u.id()).orElseThrow();
        assertThat(changed.enabled()).isFalse();
        assertThat(changed.roles()).containsExactly("Skill Designer");
        assertThat(db.count("SELECT COUNT(*) FROM change_events WHERE kind = 'USER' AND item = ?",
                tenantId + "/" + u.id())).as("told to the other nodes").isEqualTo(1);
    }
}
