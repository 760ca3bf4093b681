package dev.gatehouse.store;

import dev.gatehouse.crypto.RandomValues;
import dev.gatehouse.domain.Tenant;
import dev.gatehouse.domain.TenantSettings;
import dev.gatehouse.domain.User;
import dev.gatehouse.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A single user read with its roles, on both stores. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserStoreTest {
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    private Map<String, Database> databases;

    @BeforeAll
    void openDatabases() {
        databases = Map.of("h2", TestDatabase.openH2(), "pg", TestDatabase.openPostgres());
    }

    @AfterAll
    void closeDatabases() {
        databases.values().forEach(Database::close);
    }

    private String tenant(Database db) {
        String id = RandomValues.uuid();
        new TenantStore(db).insert(new Tenant(id, "t-" + RandomValues.alphanumeric(8), "Tenant", true,
                TenantSettings.defaults(), CREATED, CREATED));
        return id;
    }

    private static User user(String tenantId, String email, List<String> roles) {
        return new User(RandomValues.uuid(), tenantId, email, "Some One", "hash", true, false, roles, CREATED, CREATED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "pg"})
    void byIdReturnsTheUserWithItsRolesInNameOrder(String store) {
        Database db = databases.get(store);
        var users = new UserStore(db);
        String tenantId = tenant(db);
        User u = user(tenantId, "roles@example.com", List.of("Skill User", "Administrator", "Reader"));
        users.insert(u);
        users.insert(user(tenantId, "other@example.com", List.of("Writer")));

        User found = users.byId(tenantId, u.id()).orElseThrow();

        assertThat(found.id()).isEqualTo(u.id());
        assertThat(found.email()).isEqualTo("roles@example.com");
        assertThat(found.passwordHash()).isEqualTo("hash");
        assertThat(found.roles()).containsExactly("Administrator", "Reader", "Skill User");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "pg"})
    void aUserWithoutRolesHasAnEmptyList(String store) {
        Database db = databases.get(store);
        var users = new UserStore(db);
        String tenantId = tenant(db);
        User u = user(tenantId, "none@example.com", List.of());
        users.insert(u);

        assertThat(users.byId(tenantId, u.id()).orElseThrow().roles()).isEmpty();
        assertThat(users.byEmail(tenantId, "None@Example.com").orElseThrow().roles()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "pg"})
    void anotherTenantsUserIsNotFound(String store) {
        Database db = databases.get(store);
        var users = new UserStore(db);
        String tenantId = tenant(db);
        String otherTenant = tenant(db);
        User u = user(tenantId, "mine@example.com", List.of("Reader"));
        users.insert(u);

        assertThat(users.byId(otherTenant, u.id())).isEmpty();
        assertThat(users.byEmail(otherTenant, "mine@example.com")).isEmpty();
        assertThat(users.byId(tenantId, RandomValues.uuid())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "pg"})
    void byEmailIgnoresCaseAndReadsTheRolesAfterAnUpdate(String store) {
        Database db = databases.get(store);
        var users = new UserStore(db);
        String tenantId = tenant(db);
        User u = user(tenantId, "Changed@Example.com", List.of("Reader"));
        users.insert(u);
        users.update(new User(u.id(), tenantId, u.email(), u.displayName(), u.passwordHash(), false, false,
                List.of("Writer", "Auditor"), CREATED, CREATED.plusSeconds(60)));

        User found = users.byEmail(tenantId, "changed@example.COM").orElseThrow();

        assertThat(found.id()).isEqualTo(u.id());
        assertThat(found.enabled()).isFalse();
        assertThat(found.roles()).containsExactly("Auditor", "Writer");
        assertThat(found.updated()).isEqualTo(CREATED.plusSeconds(60));
    }
}
