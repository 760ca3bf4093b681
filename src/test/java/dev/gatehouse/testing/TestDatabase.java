package dev.gatehouse.testing;

import dev.gatehouse.config.Settings;
import dev.gatehouse.crypto.RandomValues;
import dev.gatehouse.store.Database;

import java.util.Map;

/** Migrated, private databases for tests of code that needs storage but no server. */
public final class TestDatabase {
    private TestDatabase() {}

    public static Database openH2() {
        String name = "test-" + RandomValues.alphanumeric(12);
        var db = Database.open(Settings.from(Map.of("GATEHOUSE_DB_URL", "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1",
                "GATEHOUSE_DB_POOL_SIZE", "2")));
        db.migrate();
        return db;
    }

    /** A migrated database of its own on the tests' shared PostgreSQL ({@link PostgresServer}). */
    public static Database openPostgres() {
        var pg = PostgresServer.shared();
        var db = Database.open(Settings.from(Map.of("GATEHOUSE_DB_URL", pg.newDatabase(),
                "GATEHOUSE_DB_USER", pg.user(), "GATEHOUSE_DB_PASSWORD", pg.password(), "GATEHOUSE_DB_POOL_SIZE", "2")));
        db.migrate();
        return db;
    }
}
