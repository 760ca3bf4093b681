package dev.gatehouse.admin;

import dev.gatehouse.config.ConfigurationException;
import dev.gatehouse.config.Settings;
import dev.gatehouse.crypto.RandomValues;
import dev.gatehouse.crypto.SigningKeys;
import dev.gatehouse.domain.Actor;
import dev.gatehouse.domain.ConflictException;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.SigningAlgorithm;
import dev.gatehouse.domain.Tenant;
import dev.gatehouse.store.TenantStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * First start on an empty database: the installation's signing key, the bootstrap tenant, its
 * administrator (also installation administrator) and an admin client for scripting. Values it
 * generates are printed once, to the console and never to the log. A database that has any tenant
 * is never touched.
 */
public final class Bootstrap {
    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);
    private static final Actor ACTOR = Actor.system("bootstrap");
    private static final int MIN_CONFIGURED_SECRET_LENGTH = 16;

    private final Settings settings;
    private final TenantStore tenantStore;
    private final TenantService tenants;
    private final UserService users;
    private final ClientService clients;
    private final SigningKeys keys;

    public Bootstrap(Settings settings, TenantStore tenantStore, TenantService tenants, UserService users,
                     ClientService clients, SigningKeys keys) {
        this.settings = settings;
        this.tenantStore = tenantStore;
        this.tenants = tenants;
        this.users = users;
        this.clients = clients;
        this.keys = keys;
    }

    /** Returns true when it bootstrapped, false when the database already had tenants. */
    public boolean run(PrintStream console) {
        if (keys.active(null).isEmpty()) keys.create(null, SigningAlgorithm.RS256);
        if (tenantStore.count() > 0) return false;
        Tenant tenant;
        try {
            tenant = tenants.create(settings.bootstrapTenant(), settings.bootstrapTenant(), ACTOR);
        } catch (ConflictException anotherNodeWon) {
            log.info("another node bootstrapped the database first");
            return false;
        }
        Optional<String> configuredPassword = settings.bootstrapAdminPassword();
        String password = configuredPassword.orElseGet(() -> RandomValues.alphanumeric(24));
        users.create(tenant, new UserService.Changes(Optional.of(settings.bootstrapAdminEmail()),
                Optional.of("Administrator"), Optional.of(password), Optional.of(List.of(Role.TENANT_ADMINISTRATOR)),
                Optional.of(true)), true, ACTOR);

        var draft = clients.draft(tenant);
        draft.clientId = settings.bootstrapClientId();
        draft.clientName = "Gatehouse admin client";
        draft.allowClientCredentials = true;
        draft.roles = List.of(Role.TENANT_ADMINISTRATOR);
        Optional<String> configuredSecret = settings.bootstrapClientSecret();
        if (configuredSecret.isPresent() && configuredSecret.get().length() < MIN_CONFIGURED_SECRET_LENGTH) {
            throw new ConfigurationException("GATEHOUSE_BOOTSTRAP_CLIENT_SECRET must be at least "
                    + MIN_CONFIGURED_SECRET_LENGTH + " characters");
        }
        var saved = clients.create(tenant, draft, ACTOR, configuredSecret.orElse(null));
        String secret = saved.firstSecret().orElseThrow().value();

        console.println();
        console.println("Gatehouse bootstrap: this is shown once. Store the generated values now.");
        console.println("  tenant:         " + tenant.name() + " (id " + tenant.id() + ")");
        console.println("  admin email:    " + settings.bootstrapAdminEmail());
        console.println("  admin password: " + (configuredPassword.isPresent()
                ? "(from GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD)" : password));
        console.println("  client id:      " + saved.client().clientId());
        console.println("  client secret:  " + (configuredSecret.isPresent()
                ? "(from GATEHOUSE_BOOTSTRAP_CLIENT_SECRET)" : secret));
        console.println();
        console.flush();
        log.info("bootstrapped tenant {} with its administrator and admin client", tenant.name());
        return true;
    }
}
