package dev.gatehouse.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Tells every node what changed, through the shared database, so that caches stay honest when
 * Gatehouse runs on several nodes. A change is published in the transaction that makes it; each
 * node polls every {@link #POLL_INTERVAL} for events since its last poll (with an overlap that
 * absorbs late commits and small clock differences) and hands them to the subscribers, whose
 * reactions (dropping a cache entry, adding a revoked token id) are idempotent.
 */
public final class ChangeFeed implements AutoCloseable {
    public static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    private static final Duration OVERLAP = Duration.ofSeconds(5);
    private static final Duration RETENTION = Duration.ofHours(1);
    /**
     * How long a cached value is used without a working feed. While the feed polls, a cached value
     * stays good until the feed reports a change to it (within about a second on every node), however
     * old it is; when the feed has not polled successfully for this long, only values loaded this
     * recently are used, and after such a gap every cache is emptied.
     */
    public static final Duration UNCHECKED_TTL = Duration.ofSeconds(10);

    public enum Kind { CLIENT, TENANT, SIGNING_KEYS, REVOKED_ACCESS_TOKEN, USER }

    private final Database db;
    private final Clock clock;
    private final Map<Kind, List<Consumer<String>>> subscribers = new ConcurrentHashMap<>();
    private volatile Instant lastPoll;
    /** When the last successful poll started; null before the first. */
    private volatile Instant lastSuccess;
    private final List<Runnable> gapListeners = new CopyOnWriteArrayList<>();
    private volatile PeriodicTask poller;

    public ChangeFeed(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.lastPoll = clock.instant();
    }

    /**
     * Records a change for every node and tells this node's subscribers at once. The poll delivers
     * it here again after the change has committed, which heals a reload that raced the commit.
     */
    public void publish(Kind kind, String item) {
        db.update("INSERT INTO change_events (kind, item, occurred_at) VALUES (?, ?, ?)", kind, item, clock.instant());
        deliver(kind, item);
    }

    public void subscribe(Kind kind, Consumer<String> subscriber) {
        subscribers.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>()).add(subscriber);
    }

    /** Called after the feed was silent for longer than {@link #UNCHECKED_TTL}: changes may have been missed. */
    public void onGap(Runnable listener) {
        gapListeners.add(listener);
    }

    /**
     * Whether a value a cache loaded at {@code loadedAt} (read from the clock before the load) may still
     * be used: it is younger than {@link #UNCHECKED_TTL}, or the feed has polled successfully within that
     * time, so any change to it would have been delivered.
     */
    public boolean stillValid(Instant loadedAt) {
        Instant now = clock.instant();
        if (loadedAt.plus(UNCHECKED_TTL).isAfter(now)) return true;
        Instant success = lastSuccess;
        return success != null && success.plus(UNCHECKED_TTL).isAfter(now);
    }

    /** The time a cache records for a load (read before the load). */
    public Instant now() {
        return clock.instant();
    }

    /** Starts polling on a virtual thread until {@link #close()}. */
    public void start() {
        poller = PeriodicTask.start("gatehouse-change-feed", POLL_INTERVAL, false, this::poll);
    }

    /** Applies every event since the previous poll (minus the overlap); returns how many. */
    public int poll() {
        Instant started = clock.instant();
        List<String[]> events = db.query("SELECT kind, item FROM change_events WHERE occurred_at > ? ORDER BY seq",
                rs -> new String[] {rs.getString(1), rs.getString(2)}, lastPoll.minus(OVERLAP));
        for (String[] e : events) {
            Kind kind;
            try {
                kind = Kind.valueOf(e[0]);
            } catch (IllegalArgumentException unknown) {
                continue; // written by a newer node
            }
            deliver(kind, e[1]);
        }
        Instant previous = lastSuccess;
        if (previous != null && previous.plus(UNCHECKED_TTL).isBefore(started)) {
            for (var listener : gapListeners) listener.run();
        }
        lastPoll = started;
        lastSuccess = started;
        return events.size();
    }

    private void deliver(Kind kind, String item) {
        for (var s : subscribers.getOrDefault(kind, List.of())) s.accept(item);
    }

    /** Removes events older than anyone still polls for; returns how many. */
    public int prune(int batch) {
        return db.update("DELETE FROM change_events WHERE seq IN (SELECT seq FROM change_events WHERE occurred_at < ?"
                + " ORDER BY seq FETCH FIRST " + batch + " ROWS ONLY)", clock.instant().minus(RETENTION));
    }

    @Override
    public void close() {
        if (poller != null) poller.close();
    }
}
