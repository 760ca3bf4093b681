package dev.gatehouse.admin;

import dev.gatehouse.crypto.RandomValues;
import dev.gatehouse.crypto.SecretHasher;
import dev.gatehouse.domain.Actor;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientBuilder;
import dev.gatehouse.domain.ClientRules;
import dev.gatehouse.domain.ClientSecret;
import dev.gatehouse.domain.ConflictException;
import dev.gatehouse.domain.NotFoundException;
import dev.gatehouse.domain.Page;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.SecretRules;
import dev.gatehouse.domain.Tenant;
import dev.gatehouse.domain.ValidationErrors;
import dev.gatehouse.domain.ValidationException;
import dev.gatehouse.store.ClientCache;
import dev.gatehouse.store.ClientStore;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.StoreException;
import dev.gatehouse.store.TenantStore;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * API clients and their secrets, for one tenant or (with a null tenant) the installation. Every
 * change is validated, audited in the same transaction, and evicts the client from the protocol cache.
 */
public final class ClientService {

    /** A new secret with its plaintext value, which is shown this once and never stored. */
    public record IssuedSecret(ClientSecret secret, String value) {}

    /** A stored client with the warnings its redirect URIs raise. */
    public record SavedClient(Client client, List<String> warnings, Optional<IssuedSecret> firstSecret) {}

    private final Database db;
    private final ClientStore clients;
    private final ClientCache cache;
    private final TenantStore tenants;
    private final SecretHasher hasher;
    private final AuditLog audit;
    private final Clock clock;

    public ClientService(Database db, ClientStore clients, ClientCache cache, TenantStore tenants,
                         SecretHasher hasher, AuditLog audit, Clock clock) {
        this.db = db;
        this.clients = clients;
        this.cache = cache;
        this.tenants = tenants;
        this.hasher = hasher;
        this.audit = audit;
        this.clock = clock;
    }

    /** A builder with every default, for a client of {@code tenant} (null: an installation client). */
    public ClientBuilder draft(Tenant tenant) {
        var b = ClientBuilder.withDefaults();
        b.tenantId = tenant == null ? null : tenant.id();
        return b;
    }

    public SavedClient create(Tenant tenant, ClientBuilder draft, Actor actor) {
        return create(tenant, draft, actor, null);
    }

    /**
     * Creates a client; when it requires a secret, its first secret has the value {@code presetSecret}
     * (the bootstrap's configured one, valid three years) or a generated one (valid six months).
     */
    public SavedClient create(Tenant tenant, ClientBuilder draft, Actor actor, String presetSecret) {
        Instant now = clock.instant();
        draft.tenantId = tenant == null ? null : tenant.id();
        if (draft.clientId == null) draft.clientId = RandomValues.alphanumeric(ClientRules.GENERATED_CLIENT_ID_LENGTH);
        draft.pk = RandomValues.uuid();
        draft.created = now;
        draft.updated = now;
        Client client = draft.build();
        ClientRules.validate(client, knownRoles(tenant)).throwIfAny();
        Optional<IssuedSecret> first;
        try {
            first = db.inTransaction(() -> {
                if (clients.byClientId(client.clientId()).isPresent()) throw duplicate(client.clientId());
                clients.insert(client);
                audit.record(actor, client.tenantId(), "client.created", "client", client.clientId(),
                        Map.of("clientName", client.clientName()));
                if (!client.requireClientSecret()) return Optional.<IssuedSecret>empty();
                var window = presetSecret == null ? SecretRules.window(now, null, null)
                        : SecretRules.window(now, null, now.atOffset(ZoneOffset.UTC).plusYears(3).toInstant());
                return Optional.of(insertSecret(client, "First secret", window, actor,
                        presetSecret == null ? RandomValues.secret() : presetSecret));
            });
        } catch (StoreException.DuplicateKeyException e) {
            throw duplicate(client.clientId());
        }
        cache.invalidate(client.clientId());
        return new SavedClient(client, ClientRules.warnings(client, exactRedirects(tenant)), first);
    }

    /** Every rule {@code draft} breaks, without saving anything. */
    public ValidationErrors check(Tenant tenant, ClientBuilder draft) {
        var probe = ClientBuilder.from(draft.build());
        if (probe.clientId == null) probe.clientId = "generated-id";
        return ClientRules.validate(probe.build(), knownRoles(tenant));
    }

    public Client get(Tenant tenant, String clientId) {
        return clients.byClientId(clientId)
                .filter(c -> belongs(c, tenant))
                .orElseThrow(() -> new NotFoundException("no client '" + clientId + "'"));
    }

    public SavedClient withWarnings(Tenant tenant, Client client) {
        return new SavedClient(client, ClientRules.warnings(client, exactRedirects(tenant)), Optional.empty());
    }

    public Page<Client> list(Tenant tenant, String search, int offset, int limit) {
        String tenantId = tenant == null ? null : tenant.id();
        return new Page<>(clients.search(tenantId, search, offset, limit), clients.count(tenantId, search));
    }

    /** Saves {@code changed}, a full or partial update of {@code existing} (same clientId). */
    public SavedClient update(Tenant tenant, Client existing, ClientBuilder changed, Actor actor) {
        changed.pk = existing.pk();
        changed.tenantId = existing.tenantId();
        changed.created = existing.created();
        changed.updated = clock.instant();
        if (!existing.clientId().equals(changed.clientId)) {
            throw ValidationException.of("clientId", "cannot be changed");
        }
        Client client = changed.build();
        ClientRules.validate(client, knownRoles(tenant)).throwIfAny();
        db.inTransaction(() -> {
            clients.update(client);
            audit.record(actor, client.tenantId(), "client.updated", "client", client.clientId(), changes(existing, client));
        });
        cache.invalidate(client.clientId());
        return new SavedClient(client, ClientRules.warnings(client, exactRedirects(tenant)), Optional.empty());
    }

    public void delete(Tenant tenant, String clientId, Actor actor) {
        Client client = get(tenant, clientId);
        db.inTransaction(() -> {
            clients.delete(client.pk());
            audit.record(actor, client.tenantId(), "client.deleted", "client", clientId, Map.of());
        });
        cache.invalidate(clientId);
    }

    // ---- secrets

    public List<ClientSecret> secrets(Tenant tenant, String clientId) {
        return clients.secrets(get(tenant, clientId).pk());
    }

    public IssuedSecret addSecret(Tenant tenant, String clientId, String description, Instant startTime,
                                  Instant expiration, Actor actor) {
        Client client = get(tenant, clientId);
        if (description != null && description.length() > SecretRules.MAX_DESCRIPTION_LENGTH) {
            throw ValidationException.of("description",
                    "must be at most " + SecretRules.MAX_DESCRIPTION_LENGTH + " characters");
        }
        var window = SecretRules.window(clock.instant(), startTime, expiration);
        IssuedSecret issued = db.inTransaction(() -> {
            if (clients.countSecrets(client.pk()) >= SecretRules.MAX_SECRETS_PER_CLIENT) {
                throw new ConflictException("a client has at most " + SecretRules.MAX_SECRETS_PER_CLIENT
                        + " secrets; delete one first");
            }
            return insertSecret(client, description, window, actor, RandomValues.secret());
        });
        cache.invalidate(clientId);
        return issued;
    }

    public void deleteSecret(Tenant tenant, String clientId, String secretId, Actor actor) {
        Client client = get(tenant, clientId);
        db.inTransaction(() -> {
            if (!clients.deleteSecret(client.pk(), secretId)) throw new NotFoundException("no secret '" + secretId + "'");
            audit.record(actor, client.tenantId(), "client.secret.deleted", "client", clientId,
                    Map.of("secretId", secretId));
        });
        cache.invalidate(clientId);
    }

    private IssuedSecret insertSecret(Client client, String description, SecretRules.Window window, Actor actor,
                                      String value) {
        var secret = new ClientSecret(RandomValues.uuid(), client.pk(), description, hasher.hash(value),
                value.substring(0, 3), window.startTime(), window.expiration(), clock.instant());
        clients.insertSecret(secret);
        audit.record(actor, client.tenantId(), "client.secret.created", "client", client.clientId(),
                Map.of("secretId", secret.id(), "expiration", secret.expiration().toString()));
        return new IssuedSecret(secret, value);
    }

    private Set<String> knownRoles(Tenant tenant) {
        if (tenant == null) return Set.of(Role.INSTALLATION_ADMINISTRATOR);
        return tenants.roles(tenant.id()).stream().map(Role::name).collect(Collectors.toSet());
    }

    private static boolean exactRedirects(Tenant tenant) {
        return tenant != null && tenant.settings().exactRedirectUris();
    }

    private static boolean belongs(Client c, Tenant tenant) {
        return tenant == null ? c.tenantId() == null : tenant.id().equals(c.tenantId());
    }

    private static ConflictException duplicate(String clientId) {
        return new ConflictException("a client with clientId '" + clientId + "' exists");
    }

    /** The names of the fields an update changed, for the audit log (names only: values may be sensitive). */
    private static Map<String, Object> changes(Client before, Client after) {
        var changed = new ArrayList<String>();
        for (var field : Client.class.getRecordComponents()) {
            if (field.getName().equals("updated")) continue;
            try {
                if (!Objects.equals(field.getAccessor().invoke(before), field.getAccessor().invoke(after))) {
                    changed.add(field.getName());
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return Map.of("changed", changed);
    }
}
