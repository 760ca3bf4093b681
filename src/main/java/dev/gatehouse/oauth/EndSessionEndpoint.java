package dev.gatehouse.oauth;

import dev.gatehouse.crypto.JwtVerifier;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.Tenant;
import dev.gatehouse.store.ClientCache;
import dev.gatehouse.store.TenantCache;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GET|POST /auth2/connect/endsession and /auth2/{T}/connect/endsession (OpenID Connect RP-Initiated
 * Logout 1.0). Establishes who asks: a valid {@code id_token_hint} names the client and the session;
 * only then is a registered {@code post_logout_redirect_uri} honoured (§3), so an unvouched address
 * never receives the browser. Errors go to the person on a page. The logout itself is the sign-in
 * pages' ({@link UserInteraction#signOut}): they hold the session, and ask for confirmation when the
 * request does not prove it comes from the session's own client.
 */
public final class EndSessionEndpoint {
    static final int MAX_ID_TOKEN_HINT = 4096;
    static final int MAX_REDIRECT_URI = 400;
    static final int MAX_STATE = 2000;
    static final int MAX_CLIENT_ID = 100;
    static final int MAX_HINT = 100;
    static final int MAX_UI_LOCALES = 100;

    /** A hint that verified: the client it was issued to, and the session it names. */
    private record Hint(Client client, String sid) {}

    private final ClientCache clients;
    private final TenantCache tenants;
    private final JwtVerifier verifier;
    private final UserInteraction interaction;

    public EndSessionEndpoint(ClientCache clients, TenantCache tenants, JwtVerifier verifier,
                              UserInteraction interaction) {
        this.clients = clients;
        this.tenants = tenants;
        this.verifier = verifier;
        this.interaction = interaction;
    }

    public void handle(Context ctx, Optional<String> tenantInPath) {
        boolean posted = ctx.method() == HandlerType.POST;
        FormParameters params;
        try {
            params = posted ? FormParameters.of(ctx) : new FormParameters(ctx.queryParamMap());
            // logout_hint and ui_locales are accepted within their limits and not used.
            params.get("logout_hint", MAX_HINT);
            params.get("ui_locales", MAX_UI_LOCALES);
            handle(ctx, tenantInPath, params, posted);
        } catch (OAuthError e) {
            interaction.showError(ctx, 400, "The logout request is not valid: " + e.description() + ".");
        }
    }

    private void handle(Context ctx, Optional<String> tenantInPath, FormParameters params, boolean posted) {
        Optional<Tenant> pathTenant = tenantInPath.flatMap(tenants::find).filter(Tenant::enabled);
        if (tenantInPath.isPresent() && pathTenant.isEmpty()) {
            interaction.showError(ctx, 404, "There is no such tenant.");
            return;
        }
        Optional<String> rawHint = params.get("id_token_hint", MAX_ID_TOKEN_HINT);
        Optional<String> clientId = params.get("client_id", MAX_CLIENT_ID);
        Optional<String> redirectUri = params.get("post_logout_redirect_uri", MAX_REDIRECT_URI);
        Optional<String> state = params.get("state", MAX_STATE);
        Optional<Hint> hint = rawHint.flatMap(h -> hint(h, pathTenant.map(Tenant::id)));
        if (hint.isPresent() && clientId.isPresent() && !clientId.get().equals(hint.get().client().clientId())) {
            interaction.showError(ctx, 400, "The logout request names one application in client_id and another"
                    + " in id_token_hint.");
            return;
        }
        String redirectTo = null;
        if (hint.isPresent() && redirectUri.isPresent()
                && hint.get().client().postLogoutRedirectUris().contains(redirectUri.get())) {
            var answer = new LinkedHashMap<String, String>();
            answer.put("state", state.orElse(null));
            redirectTo = AuthorizationResponder.append(redirectUri.get(), answer);
        }
        var carried = new LinkedHashMap<String, String>();
        rawHint.ifPresent(v -> carried.put("id_token_hint", v));
        clientId.ifPresent(v -> carried.put("client_id", v));
        redirectUri.ifPresent(v -> carried.put("post_logout_redirect_uri", v));
        state.ifPresent(v -> carried.put("state", v));
        boolean confirmed = posted && "yes".equals(params.get("confirm").orElse(null));
        interaction.signOut(ctx, new SignOutRequest(hint.map(Hint::sid).orElse(null), redirectTo, confirmed,
                ctx.path(), carried, hint.map(h -> h.client().clientName()).orElse(null)));
    }

    /**
     * The hint if it is an ID token of ours for one enabled client of the issuer's tenant (or an
     * installation client), issued by the tenant in the address when there is one.
     */
    private Optional<Hint> hint(String token, Optional<String> pathTenantId) {
        var verified = verifier.verifyIdTokenHint(token);
        if (verified.isEmpty()) return Optional.empty();
        String issuerTenant = verified.get().issuerTenantId();
        if (pathTenantId.isPresent() && !pathTenantId.get().equals(issuerTenant)) return Optional.empty();
        List<String> audience = verified.get().claims().getAudience();
        Object sid = verified.get().claims().getClaim("sid");
        if (audience.size() != 1 || !(sid instanceof String s)) return Optional.empty();
        return clients.find(audience.get(0)).map(ClientCache.ClientWithSecrets::client)
                .filter(Client::enabled)
                .filter(c -> c.tenantId() == null || c.tenantId().equals(issuerTenant))
                .map(c -> new Hint(c, s));
    }
}
