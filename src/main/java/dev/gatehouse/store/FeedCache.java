package dev.gatehouse.store;

import com.github.benmanes.caffeine.cache.LoadingCache;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * Values loaded from the database by a string key and kept in memory for as long as the
 * {@link ChangeFeed} vouches for them: a local change drops its key at once and is published, other
 * nodes drop it when their poll delivers the event. While the feed works an entry is kept until it
 * changes (up to the given age); when the feed fails, {@link ChangeFeed#UNCHECKED_TTL} bounds
 * staleness, and a gap in the feed empties the cache.
 */
public final class FeedCache<V> {
    private record Loaded<V>(V value, Instant at) {}

    private final ChangeFeed changes;
    private final ChangeFeed.Kind kind;
    private final LoadingCache<String, Loaded<V>> cache;

    public FeedCache(ChangeFeed changes, ChangeFeed.Kind kind, Duration maxAge, long maxSize,
                     Function<String, V> loader) {
        this.changes = changes;
        this.kind = kind;
        this.cache = Caches.builder().expireAfterWrite(maxAge).maximumSize(maxSize).build(key -> {
            Instant at = changes.now(); // before the read: a change during it makes the entry stale
            return new Loaded<>(loader.apply(key), at);
        });
        changes.subscribe(kind, cache::invalidate);
        changes.onGap(cache::invalidateAll);
    }

    public V get(String key) {
        Loaded<V> loaded = cache.getIfPresent(key);
        if (loaded != null && changes.stillValid(loaded.at())) return loaded.value();
        // Loading takes the database, or waits on the key's lock while another thread loads it.
        MemoryOnly.refuseDatabase();
        if (loaded != null) cache.invalidate(key);
        return cache.get(key).value();
    }

    /** The value of {@code key} changed: drop it here now, and on the other nodes at their next poll. */
    public void invalidate(String key) {
        cache.invalidate(key);
        changes.publish(kind, key);
    }
}
