package dev.gatehouse.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.gatehouse.config.Settings;
import io.micrometer.core.instrument.MeterRegistry;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;

/**
 * The connection pool, schema migration and a thin JDBC helper. A unit of work run through
 * {@link #inTransaction} shares one connection, so repositories called inside it commit or roll
 * back together.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    @FunctionalInterface
    public interface Work<T> {
        T run() throws SQLException;
    }

    private final CompletableFuture<HikariDataSource> pool;
    private final ThreadLocal<Connection> current = new ThreadLocal<>();
    /** What the current transaction runs once it has committed. */
    private final ThreadLocal<List<Runnable>> afterCommit = new ThreadLocal<>();

    private Database(CompletableFuture<HikariDataSource> pool) {
        this.pool = pool;
    }

    public static Database open(Settings settings) {
        return open(settings, null);
    }

    /** Opens the pool; with a registry, the pool reports its connections and wait times to it. */
    public static Database open(Settings settings, MeterRegistry metrics) {
        return new Database(CompletableFuture.completedFuture(newPool(settings, metrics)));
    }

    /**
     * Opens the pool and migrates the schema on a thread of its own and returns at once, so that
     * the rest of the start runs meanwhile; the first use of the database waits for both, and sees
     * their failure if they failed.
     */
    public static Database openAndMigrateInBackground(Settings settings, MeterRegistry metrics) {
        var pool = new CompletableFuture<HikariDataSource>();
        Thread.ofPlatform().name("gatehouse-database-open").daemon().start(() -> {
            try {
                HikariDataSource dataSource = newPool(settings, metrics);
                try {
                    migrate(dataSource);
                } catch (Throwable e) {
                    dataSource.close();
                    throw e;
                }
                pool.complete(dataSource);
            } catch (Throwable e) {
                pool.completeExceptionally(e);
            }
        });
        return new Database(pool);
    }

    private static HikariDataSource newPool(Settings settings, MeterRegistry metrics) {
        var config = new HikariConfig();
        if (metrics != null) config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics));
        config.setJdbcUrl(settings.dbUrl());
        config.setUsername(settings.dbUser());
        config.setPassword(settings.dbPassword());
        config.setMaximumPoolSize(settings.dbPoolSize());
        config.setPoolName("gatehouse");
        config.setAutoCommit(true);
        config.setInitializationFailTimeout(10_000);
        return new HikariDataSource(config);
    }

    /** Brings the schema to the newest version; safe to run on every start and from many nodes. */
    public void migrate() {
        migrate(pool());
    }

    private static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    public DataSource dataSource() {
        return pool();
    }

    /** The pool, once open; a failure to open or migrate is thrown as it was raised. */
    private HikariDataSource pool() {
        MemoryOnly.refuseDatabase();
        try {
            return pool.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            if (e.getCause() instanceof Error cause) throw cause;
            throw e;
        }
    }

    /** Whether the database answers a trivial query within a second. */
    public boolean isReachable() {
        try (Connection c = pool().getConnection()) {
            return c.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    public <T> T inTransaction(Work<T> work) {
        if (current.get() != null) return call(work);
        var committed = new ArrayList<Runnable>();
        T result;
        try (Connection c = pool().getConnection()) {
            c.setAutoCommit(false);
            current.set(c);
            afterCommit.set(committed);
            try {
                result = work.run();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                current.remove();
                afterCommit.remove();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
        for (Runnable task : committed) {
            try {
                task.run();
            } catch (RuntimeException e) {
                // The change is committed; a failed follow-up must not report it as failed.
                log.warn("a task after a commit failed: {}", e.getClass().getName());
            }
        }
        return result;
    }

    /**
     * Runs {@code task} once the current transaction has committed, and never if it rolls back; outside
     * a transaction, at once. For effects outside the database (a message to another server) that must
     * not happen for changes that did not.
     */
    public void afterCommit(Runnable task) {
        List<Runnable> pending = afterCommit.get();
        if (pending == null) task.run();
        else pending.add(task);
    }

    public void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        return withConnection(c -> {
            try (PreparedStatement st = prepare(c, sql, params); ResultSet rs = st.executeQuery()) {
                var rows = new ArrayList<T>();
                while (rs.next()) rows.add(mapper.map(rs));
                return rows;
            }
        });
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public long count(String sql, Object... params) {
        return queryOne(sql, rs -> rs.getLong(1), params).orElse(0L);
    }

    public int update(String sql, Object... params) {
        return withConnection(c -> {
            try (PreparedStatement st = prepare(c, sql, params)) {
                return st.executeUpdate();
            }
        });
    }

    public void batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) return;
        withConnection(c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                for (Object[] row : rows) {
                    bind(st, row);
                    st.addBatch();
                }
                st.executeBatch();
                return null;
            }
        });
    }

    private interface ConnectionWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T withConnection(ConnectionWork<T> work) {
        Connection shared = current.get();
        try {
            if (shared != null) return work.run(shared);
            try (Connection c = pool().getConnection()) {
                return work.run(c);
            }
        } catch (SQLException e) {
            throw StoreException.from(e);
        }
    }

    private <T> T call(Work<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw StoreException.from(e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object[] params) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql);
        try {
            bind(st, params);
            return st;
        } catch (SQLException e) {
            st.close();
            throw e;
        }
    }

    private static void bind(PreparedStatement st, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Instant instant) {
                st.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
            } else if (p instanceof Enum<?> e) {
                st.setString(i + 1, e.name());
            } else if (p == null) {
                st.setNull(i + 1, Types.NULL);
            } else {
                st.setObject(i + 1, p);
            }
        }
    }

    /**
     * A LIKE pattern (with '!' as the ESCAPE character) for a case-insensitive "contains" search,
     * or null for no search.
     */
    public static String containsPattern(String search) {
        if (search == null) return null;
        String escaped = search.toLowerCase(Locale.ROOT)
                .replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return "%" + escaped + "%";
    }

    /** Reads a TIMESTAMP WITH TIME ZONE column as an Instant (null stays null). */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    @Override
    public void close() {
        try {
            pool.join().close();
        } catch (CompletionException neverOpened) {
            // Nothing to close.
        }
    }

}
