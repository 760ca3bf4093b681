package dev.gatehouse.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Deletes what has expired (refresh tokens, revoked-token records, old change events) in bounded
 * batches, so tables do not grow without end and no statement holds locks for long. Every node
 * runs it; deleting what another node already deleted is harmless.
 */
public final class Housekeeping implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);
    public static final Duration INTERVAL = Duration.ofMinutes(5);
    static final int BATCH = 1000;
    static final int MAX_BATCHES_PER_RUN = 50;
    /** Expired refresh tokens are kept a day, so a late reuse is still recognised and reported as such. */
    private static final Duration REFRESH_TOKEN_RETENTION = Duration.ofDays(1);

    /** One kind of expired row: deletes up to a batch, returns how many it deleted. */
    private record Task(String name, IntUnaryOperator deleteBatch) {}

    private final List<Task> tasks = new ArrayList<>();
    private volatile PeriodicTask worker;

    public Housekeeping(RefreshTokenStore refreshTokens, RevokedAccessTokens revoked, ChangeFeed changes, Clock clock) {
        tasks.add(new Task("refresh tokens",
                batch -> refreshTokens.deleteExpired(clock.instant().minus(REFRESH_TOKEN_RETENTION), batch)));
        tasks.add(new Task("revoked access tokens", revoked::prune));
        tasks.add(new Task("change events", changes::prune));
    }

    /** Adds another kind of expired row to clean up (sessions, codes, …). */
    public void add(String name, IntUnaryOperator deleteBatch) {
        tasks.add(new Task(name, deleteBatch));
    }

    public void start() {
        worker = PeriodicTask.start("gatehouse-housekeeping", INTERVAL, false, this::runOnce);
    }

    /** One pass over every task; returns the number of rows deleted. */
    public int runOnce() {
        int total = 0;
        for (Task task : tasks) {
            int deleted = 0;
            for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
                int n = task.deleteBatch().applyAsInt(BATCH);
                deleted += n;
                if (n < BATCH) break;
            }
            if (deleted > 0) log.info("housekeeping deleted {} expired {}", deleted, task.name());
            total += deleted;
        }
        return total;
    }

    @Override
    public void close() {
        if (worker != null) worker.close();
    }
}
