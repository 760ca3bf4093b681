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

    /** A new tenant in the store named {@code store}, and that store's users. */
    private record Tenancy(UserStore users, String tenantId) {
        User add(String email, List<String> roles) {
            var u = new User(RandomValues.uuid(), tenantId, email, "Some One", "hash", true, false, roles, CREATED, CREATED);
            users.insert(u);
            return u;
        }
    }

    private Tenancy tenancy(String store) {
        Database db = databases.get(store);
        String id = RandomValues.uuid();
        new TenantStore(db).insert(new Tenant(id, "t-" + RandomValues.alphanumeric(8), "Tenant", true,
                TenantSettings.defaults(), CREATED, CREATED));
        return new Tenancy(new UserStore(db), id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "pg"})
    void byIdReturnsTheUserWithItsRolesInNameOrder(String store) {
        var t = tenancy(store);
        User u = t.add("roles@example.com", List.of("Skill User", "Administrator", "Reader"));
        t.add("other@example.com", List.of("Writer"));

        User found = t.users().byId(t.tenantId(), u.id()).orElseThrow();

        assertThat(found.id()).isEqualTo(u.id());
        assertThat(found.email()).isEqualTo("roles@example.com");
        assertThat(found.passwordHash()).isEqualTo("hash");
        assertThat(found.roles()).containsExactly("Administrator", "Reader", "Skill User");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "pg"})
    void aUserWithoutRolesHasAnEmptyList(String store) {
        var t = tenancy(store);
        User u = t.add("none@example.com", List.of());

        assertThat(t.users().byId(t.tenantId(), u.id()).orElseThrow().roles()).isEmpty();
        assertThat(t.users().byEmail(t.tenantId(), "None@Example.com").orElseThrow().roles()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "pg"})
    void anotherTenantsUserIsNotFound(String store) {
        var t = tenancy(store);
        String otherTenant = tenancy(store).tenantId();
        User u = t.add("mine@example.com", List.of("Reader"));

        assertThat(t.users().byId(otherTenant, u.id())).isEmpty();
        assertThat(t.users().byEmail(otherTenant, "mine@example.com")).isEmpty();
        assertThat(t.users().byId(t.tenantId(), RandomValues.uuid())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "pg"})
    void byEmailIgnoresCaseAndReadsTheRolesAfterAnUpdate(String store) {
        var t = tenancy(store);
        User u = t.add("Changed@Example.com", List.of("Reader"));
        t.users().update(new User(u.id(), t.tenantId(), u.email(), u.displayName(), u.passwordHash(), false, false,
                List.of("Writer", "Auditor"), CREATED, CREATED.plusSeconds(60)));

        User found = t.users().byEmail(t.tenantId(), "changed@example.COM").orElseThrow();

        assertThat(found.id()).isEqualTo(u.id());
        assertThat(found.enabled()).isFalse();
        assertThat(found.roles()).containsExactly("Auditor", "Writer");
        assertThat(found.updated()).isEqualTo(CREATED.plusSeconds(60));
    }
}
