package dev.gatehouse.store;

import java.sql.SQLException;

/** A database failure. Unique-key violations are told apart so callers can answer 409. */
public class StoreException extends RuntimeException {
    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public static StoreException from(SQLException e) {
        // SQLSTATE 23505 is unique_violation in both PostgreSQL and H2.
        return "23505".equals(e.getSQLState()) ? new DuplicateKeyException(e) : new StoreException(e);
    }

    public static class DuplicateKeyException extends StoreException {
        public DuplicateKeyException(SQLException cause) {
            super(cause);
        }
    }
}
