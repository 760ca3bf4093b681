package dev.gatehouse.store;

import dev.gatehouse.config.Settings;
import dev.gatehouse.crypto.RandomValues;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The server's database opens and migrates in the background; its first use waits, or fails as the
 * opening did. Work registered to run after a commit runs only then.
 */
class DatabaseTest {

    @Test
    void aDatabaseOpenedInTheBackgroundIsMigratedBeforeItsFirstUse() {
        try (var db = Database.openAndMigrateInBackground(settings(freshUrl()), null)) {
            assertThat(db.count("SELECT COUNT(*) FROM tenants")).isZero();
            assertThat(db.count("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\"")).isPositive();
            assertThat(db.isReachable()).isTrue();
        }
    }

    @Test
    void aFailedMigrationIsWhatTheFirstUseThrows() throws Exception {
        String url = freshUrl();
        try (var c = DriverManager.getConnection(url, "sa", "")) {
            // A schema Gatehouse did not make: Flyway refuses to migrate it.
            c.createStatement().execute("CREATE TABLE someone_elses (id INT)");
            try (var db = Database.openAndMigrateInBackground(settings(url), null)) {
                assertThatThrownBy(() -> db.count("SELECT COUNT(*) FROM tenants"))
                        .isInstanceOf(FlywayException.class)
                        .hasMessageContaining("non-empty schema");
                assertThatThrownBy(db::dataSource).as("and every later use").isInstanceOf(FlywayException.class);
            }
        }
    }

    @Test
    void workAfterACommitRunsOnceTheChangeIsVisibleAndNeverAfterARollback() {
        try (var db = Database.open(settings(freshUrl()))) {
            db.migrate();
            var seen = new ArrayList<Long>();
            Runnable count = () -> seen.add(db.count("SELECT COUNT(*) FROM change_events"));

            db.afterCommit(count);
            assertThat(seen).as("outside a transaction: at once").containsExactly(0L);

            db.inTransaction(() -> {
                db.update("INSERT INTO change_events (kind, item, occurred_at) VALUES ('CLIENT', 'a', ?)", Instant.now());
                db.inTransaction(() -> db.afterCommit(count)); // a nested unit waits for the outer commit
                db.afterCommit(() -> {
                    throw new IllegalStateException("a follow-up fails");
                });
                db.afterCommit(count);
                assertThat(seen).as("not before the commit").hasSize(1);
            });
            assertThat(seen).as("after it, seeing the row, despite the failed follow-up").containsExactly(0L, 1L, 1L);

            assertThatThrownBy(() -> db.inTransaction((Runnable) () -> {
                db.update("INSERT INTO change_events (kind, item, occurred_at) VALUES ('CLIENT', 'b', ?)", Instant.now());
                db.afterCommit(count);
                throw new IllegalStateException("roll back");
            })).hasMessage("roll back");
            assertThat(seen).as("never after a rollback").containsExactly(0L, 1L, 1L);
        }
    }

    @Test
    void memoryOnlyWorkThatReachesForTheDatabaseIsStoppedBeforeItWaits() {
        try (var db = Database.open(settings(freshUrl()))) {
            assertThatThrownBy(() -> MemoryOnly.call(() -> db.count("SELECT 1")))
                    .isInstanceOf(MemoryOnly.NeedsDatabase.class);
            assertThatThrownBy(() -> MemoryOnly.call(() -> db.inTransaction(() -> 1)))
                    .isInstanceOf(MemoryOnly.NeedsDatabase.class);
            // Nested: the inner call ends without lifting the outer one's rule.
            assertThatThrownBy(() -> MemoryOnly.call(() -> {
                MemoryOnly.call(() -> 1);
                return db.count("SELECT 1");
            })).isInstanceOf(MemoryOnly.NeedsDatabase.class);
            assertThat(MemoryOnly.call(() -> "from memory")).isEqualTo("from memory");
            assertThat(db.count("SELECT 1")).isEqualTo(1);
        }
    }

    private static String freshUrl() {
        return "jdbc:h2:mem:db-" + RandomValues.alphanumeric(12) + ";DB_CLOSE_DELAY=-1";
    }

    private static Settings settings(String url) {
        return Settings.from(Map.of("GATEHOUSE_DB_URL", url, "GATEHOUSE_DB_POOL_SIZE", "2"));
    }
}
