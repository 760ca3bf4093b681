package dev.gatehouse;

import dev.gatehouse.admin.AdminAccess;
import dev.gatehouse.admin.AuditLog;
import dev.gatehouse.admin.Bootstrap;
import dev.gatehouse.admin.ClientOwner;
import dev.gatehouse.admin.ClientService;
import dev.gatehouse.admin.ClientsResource;
import dev.gatehouse.admin.EventsResource;
import dev.gatehouse.admin.KeyService;
import dev.gatehouse.admin.KeysResource;
import dev.gatehouse.admin.RolesResource;
import dev.gatehouse.admin.SecretsResource;
import dev.gatehouse.admin.SettingsResource;
import dev.gatehouse.admin.TenantService;
import dev.gatehouse.admin.TenantsResource;
import dev.gatehouse.admin.UserService;
import dev.gatehouse.admin.UsersResource;
import dev.gatehouse.config.Settings;
import dev.gatehouse.console.ClientPages;
import dev.gatehouse.console.Console;
import dev.gatehouse.console.ConsoleClient;
import dev.gatehouse.console.ConsoleSessions;
import dev.gatehouse.console.ConsoleSignIn;
import dev.gatehouse.console.EventPages;
import dev.gatehouse.console.KeyPages;
import dev.gatehouse.console.SettingsPages;
import dev.gatehouse.console.UserPages;
import dev.gatehouse.crypto.CryptoProviders;
import dev.gatehouse.crypto.JwtVerifier;
import dev.gatehouse.crypto.KeyRotation;
import dev.gatehouse.crypto.MasterKey;
import dev.gatehouse.crypto.PasswordHasher;
import dev.gatehouse.crypto.SecretHasher;
import dev.gatehouse.crypto.SigningKeys;
import dev.gatehouse.domain.Issuers;
import dev.gatehouse.login.Sessions;
import dev.gatehouse.login.SignInPages;
import dev.gatehouse.oauth.AuthorizationCodeGrant;
import dev.gatehouse.oauth.AuthorizationResponder;
import dev.gatehouse.oauth.AuthorizeEndpoint;
import dev.gatehouse.oauth.BackChannelLogout;
import dev.gatehouse.oauth.ClientAuthenticator;
import dev.gatehouse.oauth.ClientCredentialsGrant;
import dev.gatehouse.oauth.Discovery;
import dev.gatehouse.oauth.EndSessionEndpoint;
import dev.gatehouse.oauth.IntrospectionEndpoint;
import dev.gatehouse.oauth.PasswordCheck;
import dev.gatehouse.oauth.PasswordGrant;
import dev.gatehouse.oauth.RevocationEndpoint;
import dev.gatehouse.oauth.SignInThrottle;
import dev.gatehouse.oauth.RefreshTokenGrant;
import dev.gatehouse.oauth.RefreshTokens;
import dev.gatehouse.oauth.SessionLogout;
import dev.gatehouse.oauth.TokenEndpoint;
import dev.gatehouse.oauth.TokenIssuer;
import dev.gatehouse.oauth.UserinfoEndpoint;
import dev.gatehouse.store.AuthorizationCodeStore;
import dev.gatehouse.store.ConsentStore;
import dev.gatehouse.store.SessionStore;
import dev.gatehouse.store.SignInFailureStore;
import dev.gatehouse.store.AuditStore;
import dev.gatehouse.store.ClientCache;
import dev.gatehouse.store.ChangeFeed;
import dev.gatehouse.store.ClientStore;
import dev.gatehouse.store.CorsOrigins;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.Housekeeping;
import dev.gatehouse.store.RefreshTokenStore;
import dev.gatehouse.store.RevokedAccessTokens;
import dev.gatehouse.store.SigningKeyStore;
import dev.gatehouse.store.TenantCache;
import dev.gatehouse.store.TenantStore;
import dev.gatehouse.store.UserCache;
import dev.gatehouse.store.UserStore;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Clock;
import java.util.List;
import java.time.ZoneOffset;

/** The composition root: builds every part of Gatehouse once, from the settings, and owns the database. */
public final class Application implements AutoCloseable {
    private final Settings settings;
    private final Database database;
    private final ChangeFeed changeFeed;
    private final RevokedAccessTokens revokedAccessTokens;
    private final Housekeeping housekeeping;
    private final CorsOrigins corsOrigins;
    private final PrometheusMeterRegistry metrics;
    private final TenantService tenantService;
    private final ClientService clientService;
    private final UserService userService;
    private final SigningKeys signingKeys;
    private final KeyService keyService;
    private final TokenEndpoint tokenEndpoint;
    private final Discovery discovery;
    private final IntrospectionEndpoint introspectionEndpoint;
    private final RevocationEndpoint revocationEndpoint;
    private final AuthorizeEndpoint authorizeEndpoint;
    private final EndSessionEndpoint endSessionEndpoint;
    private final UserinfoEndpoint userinfoEndpoint;
    private final SignInPages signInPages;
    private final ClientsResource tenantClients;
    private final SecretsResource tenantSecrets;
    private final ClientsResource installationClients;
    private final SecretsResource installationSecrets;
    private final UsersResource users;
    private final RolesResource roles;
    private final EventsResource events;
    private final KeysResource keys;
    private final SettingsResource tenantSettings;
    private final TenantsResource tenants;
    private final Bootstrap bootstrap;
    private final ConsoleClient consoleClient;
    private final Console console;

    public Application(Settings settings) {
        // Times are kept to the millisecond so that what the API returns equals what it stored.
        this(settings, Clock.tickMillis(ZoneOffset.UTC));
    }

    /** With a clock of the caller's: tests move time to see keys activate and retire. */
    public Application(Settings settings, Clock clock) {
        this.settings = settings;
        this.metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // The database opens and migrates while the rest is assembled; its first use waits for it.
        this.database = Database.openAndMigrateInBackground(settings, metrics);
        String provider = CryptoProviders.install(settings.nativeCrypto());
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        new UptimeMetrics().bindTo(metrics);
        metrics.gauge("gatehouse.crypto.provider", List.of(Tag.of("name", provider)), 1);

        var masterKey = MasterKey.load(settings.masterKey(), settings.dataDir());
        var secretHasher = new SecretHasher(masterKey);
        var passwordHasher = new PasswordHasher(settings.passwordHashing(), settings.nativeCrypto());
        metrics.gauge("gatehouse.password.hashing", List.of(Tag.of("implementation", passwordHasher.implementation())), 1);
        var issuers = new Issuers(settings.baseUrl());

        var tenantStore = new TenantStore(database);
        var userStore = new UserStore(database);
        var clientStore = new ClientStore(database);
        var auditStore = new AuditStore(database);
        this.changeFeed = new ChangeFeed(database, clock);
        var userCache = new UserCache(userStore, changeFeed);
        var passwordCheck = new PasswordCheck(passwordHasher, userStore);
        var tenantCache = new TenantCache(tenantStore, changeFeed);
        var clientCache = new ClientCache(clientStore, changeFeed);
        var signingKeyStore = new SigningKeyStore(database);
        this.signingKeys = new SigningKeys(signingKeyStore, masterKey, changeFeed, clock);
        this.revokedAccessTokens = new RevokedAccessTokens(database, changeFeed, clock);
        this.corsOrigins = new CorsOrigins(database, changeFeed);

        var audit = new AuditLog(auditStore, clock);
        var rotation = new KeyRotation(database, signingKeyStore, signingKeys, settings.keySchedule(), clock);
        this.keyService = new KeyService(database, signingKeyStore, rotation, tenantStore, audit, clock);
        this.tenantService = new TenantService(database, tenantStore, tenantCache, signingKeys, keyService, audit,
                clock);
        this.clientService = new ClientService(database, clientStore, clientCache, tenantStore, secretHasher, audit, clock);

        var tokenIssuer = new TokenIssuer(signingKeys, issuers, clock);
        var authenticator = new ClientAuthenticator(clientCache, tenantCache, secretHasher, clock);
        var refreshTokenStore = new RefreshTokenStore(database);
        var refreshTokens = new RefreshTokens(database, refreshTokenStore, secretHasher, clock);
        this.housekeeping = new Housekeeping(refreshTokenStore, revokedAccessTokens, changeFeed, clock);
        var codeStore = new AuthorizationCodeStore(database);
        var throttle = new SignInThrottle(new SignInFailureStore(database), secretHasher, clock,
                settings.signInIpMaxFailures());
        this.tokenEndpoint = new TokenEndpoint(tenantCache, authenticator, new ClientCredentialsGrant(tokenIssuer),
                new PasswordGrant(userStore, tenantCache, passwordCheck, throttle, tokenIssuer, refreshTokens, clock),
                new RefreshTokenGrant(refreshTokens, userCache, tenantCache, tokenIssuer),
                new AuthorizationCodeGrant(codeStore, secretHasher, userCache, tenantCache, revokedAccessTokens,
                        tokenIssuer, refreshTokens, clock));
        this.discovery = new Discovery(issuers, tenantCache, signingKeys);
        var verifier = new JwtVerifier(signingKeys, tenantCache, revokedAccessTokens, issuers, clock);
        this.introspectionEndpoint = new IntrospectionEndpoint(tenantCache, authenticator, verifier, refreshTokens);
        this.revocationEndpoint = new RevocationEndpoint(tenantCache, authenticator, verifier, revokedAccessTokens,
                refreshTokens);
        var responder = new AuthorizationResponder(codeStore, secretHasher, issuers, clock);
        var sessionStore = new SessionStore(database);
        var sessions = new Sessions(sessionStore, secretHasher, clock, settings.baseUrl());
        housekeeping.add("sessions", batch -> sessionStore.prune(clock.instant(), batch));
        housekeeping.add("authorization codes",
                batch -> codeStore.prune(clock.instant().minus(AuthorizationResponder.KEEP_AFTER_EXPIRY), batch));
        var logouts = new SessionLogout(database, sessionStore, refreshTokenStore,
                new BackChannelLogout(codeStore, clientCache, signingKeys, issuers, clock), clock);
        this.userService = new UserService(database, userStore, userCache, tenantStore, passwordHasher, audit,
                logouts::userSignedOutEverywhere, clock);
        this.signInPages = new SignInPages(sessions, throttle, responder, clientCache, tenantCache, userStore,
                new ConsentStore(database), passwordCheck, auditStore, logouts, clock);
        this.authorizeEndpoint = new AuthorizeEndpoint(clientCache, tenantCache, responder, signInPages);
        this.endSessionEndpoint = new EndSessionEndpoint(clientCache, tenantCache, verifier, signInPages);
        this.userinfoEndpoint = new UserinfoEndpoint(verifier, userCache, tenantCache);

        var access = new AdminAccess(verifier, tenantCache);
        var tenantOwner = ClientOwner.ofTenant(access);
        var installationOwner = ClientOwner.ofInstallation(access);
        this.tenantClients = new ClientsResource(clientService, tenantOwner, clock);
        this.tenantSecrets = new SecretsResource(clientService, tenantOwner, clock);
        this.installationClients = new ClientsResource(clientService, installationOwner, clock);
        this.installationSecrets = new SecretsResource(clientService, installationOwner, clock);
        this.users = new UsersResource(userService, access);
        this.roles = new RolesResource(tenantService, access);
        this.events = new EventsResource(auditStore, access);
        this.keys = new KeysResource(keyService, access, clock);
        this.tenantSettings = new SettingsResource(tenantService, access);
        this.tenants = new TenantsResource(tenantService, access);
        this.bootstrap = new Bootstrap(settings, tenantStore, tenantService, userService, clientService, signingKeys);

        this.consoleClient = new ConsoleClient(clientService, settings.baseUrl());
        var consoleSessions = new ConsoleSessions(verifier, tenantCache, userStore, secretHasher, settings.baseUrl());
        this.console = new Console(consoleSessions,
                new ConsoleSignIn(consoleSessions, consoleClient, tokenEndpoint, verifier, revokedAccessTokens),
                new ClientPages(clientService, tenantService, clock), new UserPages(userService, tenantService),
                new KeyPages(keyService, settings.keySchedule(), clock),
                new EventPages(auditStore, userService), new SettingsPages(tenantService));
    }

    public Settings settings() { return settings; }
    public Database database() { return database; }
    public ChangeFeed changeFeed() { return changeFeed; }
    public RevokedAccessTokens revokedAccessTokens() { return revokedAccessTokens; }
    public Housekeeping housekeeping() { return housekeeping; }
    public CorsOrigins corsOrigins() { return corsOrigins; }
    public PrometheusMeterRegistry metrics() { return metrics; }
    public TenantService tenantService() { return tenantService; }
    public ClientService clientService() { return clientService; }
    public UserService userService() { return userService; }
    public SigningKeys signingKeys() { return signingKeys; }
    public KeyService keyService() { return keyService; }
    public TokenEndpoint tokenEndpoint() { return tokenEndpoint; }
    public Discovery discovery() { return discovery; }
    public IntrospectionEndpoint introspectionEndpoint() { return introspectionEndpoint; }
    public RevocationEndpoint revocationEndpoint() { return revocationEndpoint; }
    public AuthorizeEndpoint authorizeEndpoint() { return authorizeEndpoint; }
    public EndSessionEndpoint endSessionEndpoint() { return endSessionEndpoint; }
    public UserinfoEndpoint userinfoEndpoint() { return userinfoEndpoint; }
    public SignInPages signInPages() { return signInPages; }
    public ClientsResource tenantClients() { return tenantClients; }
    public SecretsResource tenantSecrets() { return tenantSecrets; }
    public ClientsResource installationClients() { return installationClients; }
    public SecretsResource installationSecrets() { return installationSecrets; }
    public UsersResource users() { return users; }
    public RolesResource roles() { return roles; }
    public EventsResource events() { return events; }
    public KeysResource keys() { return keys; }
    public SettingsResource tenantSettings() { return tenantSettings; }
    public TenantsResource tenants() { return tenants; }
    public Bootstrap bootstrap() { return bootstrap; }
    public ConsoleClient consoleClient() { return consoleClient; }
    public Console console() { return console; }

    @Override
    public void close() {
        keyService.close();
        housekeeping.close();
        changeFeed.close();
        database.close();
        metrics.close();
    }
}
