package dev.gatehouse.store;

import dev.gatehouse.testing.MutableClock;
import dev.gatehouse.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While the change feed polls, cached values stay good however old they are (a change reaches every
 * node through the feed); without it, for {@link ChangeFeed#UNCHECKED_TTL} only; after a silent gap
 * every cache is emptied.
 */
class ChangeFeedTest {
    Database db;
    MutableClock clock;
    ChangeFeed feed;

    @BeforeEach
    void setUp() {
        db = TestDatabase.openH2();
        clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
        feed = new ChangeFeed(db, clock);
    }

    @AfterEach
    void tearDown() {
        feed.close();
        db.close();
    }

    @Test
    void withoutASuccessfulPollAValueIsGoodForTheUncheckedTtlOnly() {
        Instant loaded = clock.instant();
        clock.advance(Duration.ofSeconds(9));
        assertThat(feed.stillValid(loaded)).isTrue();
        clock.advance(Duration.ofSeconds(2));
        assertThat(feed.stillValid(loaded)).isFalse();
    }

    @Test
    void whileTheFeedPollsAnOldValueStaysGood() {
        Instant loaded = clock.instant();
        for (int i = 0; i < 30; i++) {
            clock.advance(Duration.ofSeconds(1));
            feed.poll();
        }
        assertThat(feed.stillValid(loaded)).isTrue();
    }

    @Test
    void whenTheFeedFallsSilentOldValuesExpireAndTheNextPollEmptiesTheCaches() {
        var gaps = new AtomicInteger();
        feed.onGap(gaps::incrementAndGet);
        Instant loaded = clock.instant();
        feed.poll();
        clock.advance(Duration.ofSeconds(11));
        assertThat(feed.stillValid(loaded)).isFalse();
        assertThat(feed.stillValid(clock.instant().minusSeconds(5))).isTrue();
        feed.poll();
        assertThat(gaps).hasValue(1);
        assertThat(feed.stillValid(loaded)).isTrue();
        clock.advance(Duration.ofSeconds(1));
        feed.poll();
        assertThat(gaps).hasValue(1);
    }

    @Test
    void aChangeIsDeliveredToItsSubscribers() {
        var seen = new java.util.ArrayList<String>();
        feed.subscribe(ChangeFeed.Kind.CLIENT, seen::add);
        feed.publish(ChangeFeed.Kind.CLIENT, "abc");
        assertThat(seen).containsExactly("abc");
    }
}
