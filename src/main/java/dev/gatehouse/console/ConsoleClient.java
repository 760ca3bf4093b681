package dev.gatehouse.console;

import dev.gatehouse.admin.ClientService;
import dev.gatehouse.domain.Actor;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientBuilder;
import dev.gatehouse.domain.ConflictException;
import dev.gatehouse.domain.NotFoundException;
import dev.gatehouse.domain.Scopes;

import java.util.List;

/**
 * The console is an installation client of Gatehouse like any other: a public client (it runs on
 * the server, but holds no secret it would need to protect) that signs administrators in with the
 * authorization-code flow and PKCE. It is registered on start, and its addresses follow the base URL.
 */
public final class ConsoleClient {
    public static final String CLIENT_ID = "gatehouse-console";
    static final String NAME = "Gatehouse console";
    /** A console sign-in lasts an hour; then it renews through the Gatehouse session, if that still lives. */
    static final int SESSION_SECONDS = 3600;

    private final ClientService clients;
    private final String callback;
    private final String signedOut;

    public ConsoleClient(ClientService clients, String baseUrl) {
        this.clients = clients;
        this.callback = baseUrl + ConsoleSessions.PATH + "/callback";
        this.signedOut = baseUrl + ConsoleSessions.PATH + "/signed-out";
    }

    String callback() {
        return callback;
    }

    String signedOut() {
        return signedOut;
    }

    /** Registers the console client, or puts its addresses and flows back to what the console needs. */
    public void ensureRegistered() {
        Client existing;
        try {
            existing = clients.get(null, CLIENT_ID);
        } catch (NotFoundException e) {
            try {
                clients.create(null, configure(clients.draft(null)), Actor.system("console"));
            } catch (ConflictException raced) {
                // Another node registered it at the same moment.
            }
            return;
        }
        var wanted = configure(ClientBuilder.from(existing));
        Client target = wanted.build();
        if (!target.equals(existing)) {
            clients.update(null, existing, wanted, Actor.system("console"));
        }
    }

    private ClientBuilder configure(ClientBuilder b) {
        b.clientId = CLIENT_ID;
        if (b.clientName == null) b.clientName = NAME;
        b.enabled = true;
        b.requireClientSecret = false;
        b.requireConsent = false;
        b.allowNoPkce = false;
        b.allowOfflineAccess = false;
        b.allowRopc = false;
        b.allowClientCredentials = false;
        b.redirectUris = List.of(callback);
        b.postLogoutRedirectUris = List.of(signedOut);
        b.allowedScopes = List.of(Scopes.OPENID, Scopes.PROFILE, Scopes.EMAIL);
        b.allowedCorsOrigins = List.of();
        b.roles = List.of();
        b.accessTokenLifetime = SESSION_SECONDS;
        return b;
    }
}
