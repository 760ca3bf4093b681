package dev.gatehouse.store;

import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.gatehouse.domain.Tenant;

import java.time.Duration;
import java.util.Optional;

/**
 * Tenants by id and by name, kept briefly in memory: every protocol and admin request resolves
 * one. Local changes invalidate at once, other nodes learn of them through the {@link ChangeFeed};
 * {@link #TTL} bounds staleness if that fails.
 */
public final class TenantCache {
    static final Duration TTL = Duration.ofSeconds(10);

    private final TenantStore store;
    private final ChangeFeed changes;
    private final LoadingCache<String, Optional<Tenant>> byIdOrName;

    public TenantCache(TenantStore store, ChangeFeed changes) {
        this.store = store;
        this.changes = changes;
        this.byIdOrName = Caches.builder().expireAfterWrite(TTL).maximumSize(100_000).build(this::load);
        changes.subscribe(ChangeFeed.Kind.TENANT, byIdOrName::invalidate);
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
        changes.publish(ChangeFeed.Kind.TENANT, tenant.id());
        changes.publish(ChangeFeed.Kind.TENANT, tenant.name());
    }

    private Optional<Tenant> load(String idOrName) {
        Optional<Tenant> byId = store.byId(idOrName);
        return byId.isPresent() ? byId : store.byName(idOrName);
    }
}
