package dev.gatehouse.store;

import com.github.benmanes.caffeine.cache.Caffeine;

/** How Gatehouse builds its in-memory caches. */
public final class Caches {
    private Caches() {}

    /**
     * A Caffeine builder whose maintenance (and background refresh) runs on the calling thread.
     * Handing it to the common pool, Caffeine's default, wakes a pool thread on a large share of
     * reads: on the token endpoint that cost more than the ES256 signature itself.
     */
    public static Caffeine<Object, Object> builder() {
        return Caffeine.newBuilder().executor(Runnable::run);
    }
}
