package dev.gatehouse.oauth;

import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.Scopes;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** Decides the scope of a token from what was requested and what the client is allowed (RFC 6749 §3.3). */
final class GrantedScopes {
    static final int MAX_SCOPE_LENGTH = 300;

    private GrantedScopes() {}

    /**
     * Every requested scope must be well formed, known and allowed ({@code global.wildcard} rides on
     * {@code publicapi.all}; {@code offline_access} on {@code allowOfflineAccess}); with none
     * requested the client gets its allowed scopes except offline_access.
     */
    static Set<String> resolve(Optional<String> requested, Client client) {
        Set<String> allowed = new LinkedHashSet<>(client.allowedScopes());
        if (client.allowOfflineAccess()) allowed.add(Scopes.OFFLINE_ACCESS);
        else allowed.remove(Scopes.OFFLINE_ACCESS);
        if (requested.isEmpty()) {
            var defaults = new LinkedHashSet<String>();
            for (String s : allowed) {
                if (!s.equals(Scopes.OFFLINE_ACCESS)) defaults.add(s);
            }
            return defaults;
        }
        if (requested.get().length() > MAX_SCOPE_LENGTH) {
            throw OAuthError.invalidScope("scope is longer than " + MAX_SCOPE_LENGTH + " characters");
        }
        Set<String> scopes = Scopes.parse(requested.get());
        for (String s : scopes) {
            if (!Scopes.isWellFormed(s)) throw OAuthError.invalidScope("malformed scope");
            if (!Scopes.permits(allowed, s)) {
                throw OAuthError.invalidScope("scope '" + s + "' is not allowed for this client");
            }
        }
        if (scopes.isEmpty()) throw OAuthError.invalidScope("scope is empty");
        return scopes;
    }
}
