package dev.gatehouse.store;

import dev.gatehouse.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Inside {@link MemoryOnly#call}, the caches answer what they hold and never start a load: a load
 * reads the database, or waits on the key's lock for another thread's load.
 */
class MemoryOnlyTest {
    private final Database db = TestDatabase.openH2();
    private final ChangeFeed changes = new ChangeFeed(db, Clock.systemUTC());

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aFeedCacheServesWhatItHoldsAndRefusesToLoad() {
        var loads = new AtomicInteger();
        var cache = new FeedCache<String>(changes, ChangeFeed.Kind.CLIENT, Duration.ofHours(1), 100, key -> {
            loads.incrementAndGet();
            return "value of " + key;
        });
        assertThatThrownBy(() -> MemoryOnly.call(() -> cache.get("a"))).isInstanceOf(MemoryOnly.NeedsDatabase.class);
        assertThat(loads).hasValue(0);

        assertThat(cache.get("a")).isEqualTo("value of a");
        assertThat(MemoryOnly.call(() -> cache.get("a"))).isEqualTo("value of a");
        assertThat(loads).hasValue(1);

        cache.invalidate("a");
        assertThatThrownBy(() -> MemoryOnly.call(() -> cache.get("a"))).isInstanceOf(MemoryOnly.NeedsDatabase.class);
        assertThat(loads).hasValue(1);
        assertThat(cache.get("a")).isEqualTo("value of a");
        assertThat(loads).hasValue(2);
    }

    @Test
    void theCorsOriginsAreReadOutsideAndServedInside() {
        var origins = new CorsOrigins(db, changes);
        assertThatThrownBy(() -> MemoryOnly.call(() -> origins.allows("https://app.example.com")))
                .isInstanceOf(MemoryOnly.NeedsDatabase.class);
        assertThat(origins.allows("https://app.example.com")).isFalse();
        assertThat(MemoryOnly.call(() -> origins.allows("https://app.example.com"))).isFalse();
        assertThat(MemoryOnly.call(() -> origins.allows(null))).isFalse();
    }
}
