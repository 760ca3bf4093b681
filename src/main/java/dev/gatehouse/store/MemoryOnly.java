package dev.gatehouse.store;

import java.util.function.Supplier;

/**
 * Work that must finish from memory because other requests queue behind its thread (the signing
 * threads). Inside {@link #call}, taking a database connection or loading a cache entry throws
 * {@link NeedsDatabase} instead of waiting (a cache load may wait on a lock while another thread
 * loads the same key): a cache miss on the way ends the attempt, and the caller redoes the work where
 * waiting is harmless. Only work with no effect before its first read belongs here, so that
 * starting over changes nothing.
 */
public final class MemoryOnly {
    /** The work needed the database: nothing was written, start it over elsewhere. */
    public static final class NeedsDatabase extends RuntimeException {
        private NeedsDatabase() {
            super("needs the database", null, false, false);
        }
    }

    private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

    private MemoryOnly() {}

    /** Runs {@code work} with the database out of reach; throws {@link NeedsDatabase} if it reached for it. */
    public static <T> T call(Supplier<T> work) {
        Boolean outer = ACTIVE.get();
        ACTIVE.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            ACTIVE.set(outer);
        }
    }

    /** Called before every use of the database, and before a cache load, which may wait for another thread's. */
    static void refuseDatabase() {
        if (ACTIVE.get() != null) throw new NeedsDatabase();
    }
}
