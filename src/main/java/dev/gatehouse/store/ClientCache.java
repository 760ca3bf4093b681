package dev.gatehouse.store;

import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientSecret;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Clients with their secrets by client id, for client authentication on the token endpoint: a
 * cached client authenticates with no database round trip. Local changes invalidate at once,
 * other nodes learn of them through the {@link ChangeFeed}; {@link #TTL} bounds staleness if that fails.
 */
public final class ClientCache {
    static final Duration TTL = Duration.ofSeconds(10);

    /** A client and every secret it has, valid or not. */
    public record ClientWithSecrets(Client client, List<ClientSecret> secrets) {}

    private final ClientStore store;
    private final ChangeFeed changes;
    private final LoadingCache<String, Optional<ClientWithSecrets>> cache;

    public ClientCache(ClientStore store, ChangeFeed changes) {
        this.store = store;
        this.changes = changes;
        this.cache = Caches.builder().expireAfterWrite(TTL).maximumSize(200_000).build(this::load);
        changes.subscribe(ChangeFeed.Kind.CLIENT, cache::invalidate);
    }

    public Optional<ClientWithSecrets> find(String clientId) {
        return cache.get(clientId);
    }

    /** The client changed: drop it here now, and on the other nodes at their next poll. */
    public void invalidate(String clientId) {
        cache.invalidate(clientId);
        changes.publish(ChangeFeed.Kind.CLIENT, clientId);
    }

    private Optional<ClientWithSecrets> load(String clientId) {
        return store.byClientId(clientId).map(c -> new ClientWithSecrets(c, store.secrets(c.pk())));
    }
}
