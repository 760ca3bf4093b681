package dev.gatehouse.store;

import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientSecret;

import java.time.Duration;
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
    private final FeedCache<Optional<ClientWithSecrets>> cache;

    public ClientCache(ClientStore store, ChangeFeed changes) {
        this.store = store;
        this.cache = new FeedCache<>(changes, ChangeFeed.Kind.CLIENT, MAX_AGE, 200_000, this::load);
    }

    public Optional<ClientWithSecrets> find(String clientId) {
        return cache.get(clientId);
    }

    /** The client changed: drop it here now, and on the other nodes at their next poll. */
    public void invalidate(String clientId) {
        cache.invalidate(clientId);
    }

    private Optional<ClientWithSecrets> load(String clientId) {
        return store.byClientId(clientId).map(c -> new ClientWithSecrets(c, store.secrets(c.pk())));
    }
}
