package dev.gatehouse.store;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientSecret;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Clients with their secrets by client id, for client authentication on the token endpoint: a
 * cached client authenticates with no database round trip. Local changes invalidate at once;
 * changes made on another node show within {@link #TTL}.
 */
public final class ClientCache {
    static final Duration TTL = Duration.ofSeconds(10);

    /** A client and every secret it has, valid or not. */
    public record ClientWithSecrets(Client client, List<ClientSecret> secrets) {}

    private final ClientStore store;
    private final LoadingCache<String, Optional<ClientWithSecrets>> cache;

    public ClientCache(ClientStore store) {
        this.store = store;
        this.cache = Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(200_000).build(this::load);
    }

    public Optional<ClientWithSecrets> find(String clientId) {
        return cache.get(clientId);
    }

    public void invalidate(String clientId) {
        cache.invalidate(clientId);
    }

    private Optional<ClientWithSecrets> load(String clientId) {
        return store.byClientId(clientId).map(c -> new ClientWithSecrets(c, store.secrets(c.pk())));
    }
}
