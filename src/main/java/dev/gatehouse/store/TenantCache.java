package dev.gatehouse.store;

import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.gatehouse.domain.Tenant;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Tenants by id and by name, kept briefly in memory: every protocol and admin request resolves
 * one. Local changes invalidate at once, other nodes learn of them through the {@link ChangeFeed}.
 * While the feed works an entry is kept until it changes (up to {@link #MAX_AGE}); when the feed
 * fails, {@link ChangeFeed#UNCHECKED_TTL} bounds staleness.
 */
public final class TenantCache {
    static final Duration MAX_AGE = Duration.ofHours(1);

    private final TenantStore store;
    private final ChangeFeed changes;
    private final LoadingCache<String, Loaded> byIdOrName;

    private record Loaded(Optional<Tenant> value, Instant at) {}

    public TenantCache(TenantStore store, ChangeFeed changes) {
        this.store = store;
        this.changes = changes;
        this.byIdOrName = Caches.builder().expireAfterWrite(MAX_AGE).maximumSize(100_000).build(this::load);
        changes.subscribe(ChangeFeed.Kind.TENANT, byIdOrName::invalidate);
        changes.onGap(byIdOrName::invalidateAll);
    }

    public Optional<Tenant> find(String idOrName) {
        // No tenant id or name holds U+0000, which PostgreSQL refuses in a query parameter.
        if (idOrName == null || idOrName.isEmpty() || idOrName.length() > 100 || idOrName.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        Loaded loaded = byIdOrName.get(idOrName);
        if (!changes.stillValid(loaded.at())) {
            byIdOrName.invalidate(idOrName);
            loaded = byIdOrName.get(idOrName);
        }
        return loaded.value();
    }

    /** The tenant changed: drop it (by id and by name) here now, and on the other nodes at their next poll. */
    public void invalidate(Tenant tenant) {
        byIdOrName.invalidate(tenant.id());
        byIdOrName.invalidate(tenant.name());
        changes.publish(ChangeFeed.Kind.TENANT, tenant.id());
        changes.publish(ChangeFeed.Kind.TENANT, tenant.name());
    }

    private Loaded load(String idOrName) {
        Instant at = changes.now();
        Optional<Tenant> byId = store.byId(idOrName);
        return new Loaded(byId.isPresent() ? byId : store.byName(idOrName), at);
    }
}
