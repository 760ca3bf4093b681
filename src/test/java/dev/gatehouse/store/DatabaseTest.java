package dev.gatehouse.store;

import dev.gatehouse.config.Settings;
import dev.gatehouse.crypto.RandomValues;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The server's database opens and migrates in the background; its first use waits, or fails as the opening did. */
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

    private static String freshUrl() {
        return "jdbc:h2:mem:db-" + RandomValues.alphanumeric(12) + ";DB_CLOSE_DELAY=-1";
    }

    private static Settings settings(String url) {
        return Settings.from(Map.of("GATEHOUSE_DB_URL", url, "GATEHOUSE_DB_POOL_SIZE", "2"));
    }
}
