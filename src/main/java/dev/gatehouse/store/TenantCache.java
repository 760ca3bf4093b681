package dev.gatehouse.store;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.gatehouse.domain.Tenant;

import java.time.Duration;
import java.util.Optional;

/**
 * Tenants by id and by name, kept briefly in memory: every protocol and admin request resolves
 * one. Local changes invalidate at once; changes made on another node show within {@link #TTL}.
 */
public final class TenantCache {
    static final Duration TTL = Duration.ofSeconds(10);

    private final TenantStore store;
    private final LoadingCache<String, Optional<Tenant>> byIdOrName;

    public TenantCache(TenantStore store) {
        this.store = store;
        this.byIdOrName = Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(100_000).build(this::load);
    }

    public Optional<Tenant> find(String idOrName) {
        // No tenant id or name holds U+0000, which PostgreSQL refuses in a query parameter.
        if (idOrName == null || idOrName.isEmpty() || idOrName.length() > 100 || idOrName.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        return byIdOrName.get(idOrName);
    }

    public void invalidate(Tenant tenant) {
        byIdOrName.invalidate(tenant.id());
        byIdOrName.invalidate(tenant.name());
    }

    private Optional<Tenant> load(String idOrName) {
        Optional<Tenant> byId = store.byId(idOrName);
        return byId.isPresent() ? byId : store.byName(idOrName);
    }
}
