package dev.gatehouse.store;

import dev.gatehouse.domain.Tenant;

import java.time.Duration;
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
    private final FeedCache<Optional<Tenant>> byIdOrName;

    public TenantCache(TenantStore store, ChangeFeed changes) {
        this.store = store;
        this.byIdOrName = new FeedCache<>(changes, ChangeFeed.Kind.TENANT, MAX_AGE, 100_000, this::load);
    }

    public Optional<Tenant> find(String idOrName) {
        // No tenant id or name holds U+0000, which PostgreSQL refuses in a query parameter.
        if (idOrName == null || idOrName.isEmpty() || idOrName.length() > 100 || idOrName.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        return byIdOrName.get(idOrName);
    }

    /** The tenant changed: drop it (by id and by name) here now, and on the other nodes at their next poll. */
    public void invalidate(Tenant tenant) {
        byIdOrName.invalidate(tenant.id());
        byIdOrName.invalidate(tenant.name());
    }

    private Optional<Tenant> load(String idOrName) {
        Optional<Tenant> byId = store.byId(idOrName);
        return byId.isPresent() ? byId : store.byName(idOrName);
    }
}
