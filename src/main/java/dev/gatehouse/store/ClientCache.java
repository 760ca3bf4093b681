package dev.gatehouse.store;

import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientSecret;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Clients with their secrets by client id, for client authentication on the token endpoint: a
 * cached client authenticates with no database round trip. Local changes invalidate at once,
 * other nodes learn of them through the {@link ChangeFeed}. While the feed works an entry is kept
 * until it changes (up to {@link #MAX_AGE}), so a large, evenly used population of clients stays
 * cached; when the feed fails, {@link ChangeFeed#UNCHECKED_TTL} bounds staleness.
 */
public final class ClientCache {
    static final Duration MAX_AGE = Duration.ofHours(1);

    /** A client and every secret it has, valid or not. */
    public record ClientWithSecrets(Client client, List<ClientSecret> secrets) {}

    private final ClientStore store;
    private final ChangeFeed changes;
    private final LoadingCache<String, Loaded> cache;

    private record Loaded(Optional<ClientWithSecrets> value, Instant at) {}

    public ClientCache(ClientStore store, ChangeFeed changes) {
        this.store = store;
        this.changes = changes;
        this.cache = Caches.builder().expireAfterWrite(MAX_AGE).maximumSize(200_000).build(this::load);
        changes.subscribe(ChangeFeed.Kind.CLIENT, cache::invalidate);
        changes.onGap(cache::invalidateAll);
    }

    public Optional<ClientWithSecrets> find(String clientId) {
        Loaded loaded = cache.get(clientId);
        if (!changes.stillValid(loaded.at())) {
            cache.invalidate(clientId);
            loaded = cache.get(clientId);
        }
        return loaded.value();
    }

    /** The client changed: drop it here now, and on the other nodes at their next poll. */
    public void invalidate(String clientId) {
        cache.invalidate(clientId);
        changes.publish(ChangeFeed.Kind.CLIENT, clientId);
    }

    private Loaded load(String clientId) {
        Instant at = changes.now();
        return new Loaded(store.byClientId(clientId).map(c -> new ClientWithSecrets(c, store.secrets(c.pk()))), at);
    }
}
