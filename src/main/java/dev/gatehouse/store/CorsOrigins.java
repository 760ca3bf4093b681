package dev.gatehouse.store;

import com.github.benmanes.caffeine.cache.LoadingCache;

import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Every origin some client lists in {@code allowedCorsOrigins}, held in memory for the CORS check
 * on browser-facing endpoints. Reloaded when any client changes, on this node or another.
 */
public final class CorsOrigins {
    private static final Duration TTL = Duration.ofSeconds(30);
    private static final String ALL = "all";

    private final Database db;
    private final LoadingCache<String, Set<String>> cache;

    public CorsOrigins(Database db, ChangeFeed changes) {
        this.db = db;
        this.cache = Caches.builder().expireAfterWrite(TTL).maximumSize(1).build(key -> load());
        changes.subscribe(ChangeFeed.Kind.CLIENT, clientId -> cache.invalidateAll());
    }

    /** Whether a browser at {@code origin} may call the endpoints (origins compare without regard to case). */
    public boolean allows(String origin) {
        if (origin == null) return false;
        Set<String> origins = cache.getIfPresent(ALL);
        if (origins == null) {
            MemoryOnly.refuseDatabase(); // a reload reads the database, or waits for the thread doing it
            origins = cache.get(ALL);
        }
        return origins.contains(origin.toLowerCase(Locale.ROOT));
    }

    private Set<String> load() {
        var origins = new HashSet<String>();
        db.query("SELECT DISTINCT item FROM client_values WHERE kind = 'cors_origin'",
                rs -> origins.add(rs.getString(1).toLowerCase(Locale.ROOT)));
        return Set.copyOf(origins);
    }
}
