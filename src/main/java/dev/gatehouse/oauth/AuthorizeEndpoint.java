package dev.gatehouse.oauth;

import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientRules;
import dev.gatehouse.domain.RedirectUriPolicy;
import dev.gatehouse.domain.Scopes;
import dev.gatehouse.domain.Tenant;
import dev.gatehouse.store.ClientCache;
import dev.gatehouse.store.TenantCache;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * GET|POST /auth2/connect/authorize and /auth2/{T}/connect/authorize (RFC 6749 §4.1.1, OIDC Core
 * §3.1.2). First the client and its redirect URI are established; until then an error goes to the
 * person on an error page, never to an address nobody vouched for (RFC 6749 §4.1.2.1). After that
 * every error goes back to the client with {@code state} and {@code iss}. A valid request is handed
 * to the sign-in pages.
 */
public final class AuthorizeEndpoint {
    static final int MAX_CLIENT_ID = 100;
    static final int MAX_SCOPE = 300;
    static final int MAX_REDIRECT_URI = 400;
    static final int MAX_STATE = 2000;
    static final int MAX_NONCE = 300;
    static final int MIN_CODE_CHALLENGE = 43;
    static final int MAX_CODE_CHALLENGE = 128;
    static final int MAX_LOGIN_HINT = 100;
    static final int MAX_ACR_VALUES = 300;
    static final int MAX_UI_LOCALES = 100;
    static final int MAX_TENANT = 100;
    /** RFC 7636 §4.2: the challenge is base64url(SHA-256), and verifiers use the unreserved characters. */
    static final Pattern PKCE_CHARACTERS = Pattern.compile("[A-Za-z0-9._~-]+");

    private final ClientCache clients;
    private final TenantCache tenants;
    private final AuthorizationResponder responder;
    private final UserInteraction interaction;

    public AuthorizeEndpoint(ClientCache clients, TenantCache tenants, AuthorizationResponder responder,
                             UserInteraction interaction) {
        this.clients = clients;
        this.tenants = tenants;
        this.responder = responder;
        this.interaction = interaction;
    }

    public void handle(Context ctx, Optional<String> tenantInPath) {
        Map<String, List<String>> raw;
        if (ctx.method() == HandlerType.POST) {
            String type = ctx.contentType();
            if (type == null || !type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
                interaction.showError(ctx, 400, "The authorization request must be sent as a form.");
                return;
            }
            raw = ctx.formParamMap();
        } else {
            raw = ctx.queryParamMap();
        }

        // 1. Who asks, and where the answer may go. Nothing here is sent to the redirect URI.
        Optional<Tenant> pathTenant = tenantInPath.flatMap(tenants::find).filter(Tenant::enabled);
        if (tenantInPath.isPresent()) {
            if (pathTenant.isEmpty()) {
                interaction.showError(ctx, 404, "There is no such tenant.");
                return;
            }
        }
        String clientId = single(raw, "client_id");
        if (clientId == null) {
            interaction.showError(ctx, 400, "The request names no client (client_id is missing or repeated).");
            return;
        }
        Optional<Client> found = clientId.length() <= MAX_CLIENT_ID && ClientRules.CLIENT_ID.matcher(clientId).matches()
                ? clients.find(clientId).map(ClientCache.ClientWithSecrets::client) : Optional.empty();
        Client client = found.filter(Client::enabled).orElse(null);
        Optional<Tenant> clientTenant = Optional.empty();
        if (client != null && !client.isInstallationClient()) {
            clientTenant = tenants.find(client.tenantId()).filter(Tenant::enabled);
            if (clientTenant.isEmpty()) client = null;
        }
        if (client == null) {
            interaction.showError(ctx, 400, "The application that sent you here is unknown or disabled.");
            return;
        }
        if (clientTenant.isPresent() && pathTenant.isPresent() && !clientTenant.get().id().equals(pathTenant.get().id())) {
            interaction.showError(ctx, 400, "The application that sent you here does not belong to this tenant.");
            return;
        }
        String redirectUri = single(raw, "redirect_uri");
        if (redirectUri == null) {
            interaction.showError(ctx, 400, "The request has no redirect_uri (it is missing or repeated).");
            return;
        }
        if (redirectUri.length() > MAX_REDIRECT_URI) {
            interaction.showError(ctx, 400, "The redirect_uri is longer than " + MAX_REDIRECT_URI + " characters.");
            return;
        }
        var problem = RedirectUriPolicy.requestedUriProblem(redirectUri);
        if (problem.isPresent()) {
            interaction.showError(ctx, 400, "The request cannot be answered: " + problem.get() + ".");
            return;
        }
        boolean exact = clientTenant.or(() -> pathTenant)
                .map(t -> t.settings().exactRedirectUris()).orElse(false);
        if (!RedirectUriPolicy.matches(client.redirectUris(), redirectUri, exact)) {
            interaction.showError(ctx, 400, "The redirect_uri is not registered for this application.");
            return;
        }

        // 2. Everything else is answered at the redirect URI.
        String state = single(raw, "state");
        if (state != null && state.length() > MAX_STATE) state = null; // never echo an oversized state
        String answeringTenant = clientTenant.or(() -> pathTenant).map(Tenant::id).orElse(null);
        AuthorizationRequest request;
        try {
            request = validate(new FormParameters(raw), client, clientTenant, pathTenant, redirectUri);
        } catch (OAuthError e) {
            ctx.redirect(responder.errorRedirect(redirectUri, state, answeringTenant, e.error(), e.description()));
            return;
        }
        interaction.begin(ctx, request);
    }

        private AuthorizationRequest validate(FormParameters params, Client client, Optional<Tenant> clientTenant,
                                          Optional<Tenant> pathTenant, String redirectUri) {
        String state = params.get("state", MAX_STATE).orElse(null);
        if (params.get("request").isPresent()) {
            throw new OAuthError("request_not_supported", "request objects are not supported", 400, false);
        }
        if (params.get("request_uri").isPresent()) {
            throw new OAuthError("request_uri_not_supported", "request_uri is not supported", 400, false);
        }
        String responseType = params.get("response_type")
                .orElseThrow(() -> OAuthError.invalidRequest("parameter 'response_type' is required"));
        if (!responseType.equals("code")) {
            throw new OAuthError("unsupported_response_type", "only response_type=code is supported", 400, false);
        }
        String responseMode = params.get("response_mode").orElse("query");
        if (!responseMode.equals("query")) throw OAuthError.invalidRequest("only response_mode=query is supported");

        Optional<String> scope = params.get("scope");
        if (scope.isPresent() && scope.get().length() > MAX_SCOPE) {
            throw OAuthError.invalidScope("scope is longer than " + MAX_SCOPE + " characters");
        }
        var scopes = new ArrayList<>(GrantedScopes.resolve(scope, client));
        if (scopes.isEmpty()) throw OAuthError.invalidScope("no scope this flow can grant was requested");

        String nonce = params.get("nonce", MAX_NONCE).orElse(null);
        String loginHint = params.get("login_hint", MAX_LOGIN_HINT).orElse(null);
        Optional<String> acrValues = params.get("acr_values", MAX_ACR_VALUES);
        params.get("ui_locales", MAX_UI_LOCALES);
        // productId is accepted and ignored (SPEC §3).

        String prompt = params.get("prompt").orElse(null);
        if (prompt != null) {
            Set<String> values = Scopes.parse(prompt);
            if (values.size() != 1 || !(values.contains("none") || values.contains("login"))) {
                throw OAuthError.invalidRequest("prompt must be 'none' or 'login'");
            }
            prompt = values.iterator().next();
        }
        Integer maxAge = null;
        Optional<String> maxAgeText = params.get("max_age", 10);
        if (maxAgeText.isPresent()) {
            try {
                maxAge = Integer.parseInt(maxAgeText.get());
            } catch (NumberFormatException e) {
                throw OAuthError.invalidRequest("max_age must be a number of seconds");
            }
            if (maxAge < 0) throw OAuthError.invalidRequest("max_age must not be negative");
        }

        String challenge = params.get("code_challenge").orElse(null);
        Optional<String> method = params.get("code_challenge_method");
        if (challenge == null) {
            if (method.isPresent()) throw OAuthError.invalidRequest("code_challenge_method without code_challenge");
            if (!client.allowNoPkce()) {
                throw OAuthError.invalidRequest("code_challenge is required: this client must use PKCE (RFC 7636) with S256");
            }
        } else {
            if (method.isEmpty()) {
                throw OAuthError.invalidRequest("code_challenge_method is required and must be S256 (plain is not allowed)");
            }
            if (!method.get().equals("S256")) {
                throw OAuthError.invalidRequest("code_challenge_method must be S256; '"
                        + (method.get().equals("plain") ? "plain" : "this method") + "' is not allowed");
            }
            if (challenge.length() < MIN_CODE_CHALLENGE || challenge.length() > MAX_CODE_CHALLENGE) {
                throw OAuthError.invalidRequest("code_challenge must be " + MIN_CODE_CHALLENGE + " to "
                        + MAX_CODE_CHALLENGE + " characters");
            }
            if (!PKCE_CHARACTERS.matcher(challenge).matches()) {
                throw OAuthError.invalidRequest("code_challenge holds characters outside base64url");
            }
        }

        Optional<Tenant> tenant = clientTenant.or(() -> pathTenant);
        Optional<String> named = params.get("tenantId", MAX_TENANT);
        if (named.isEmpty()) {
            named = acrValues.flatMap(acr -> Scopes.parse(acr).stream()
                    .filter(v -> v.startsWith("tenant:")).map(v -> v.substring(7)).findFirst());
        }
        if (named.isPresent()) {
            Tenant namedTenant = tenants.find(named.get()).filter(Tenant::enabled)
                    .orElseThrow(() -> OAuthError.invalidRequest("unknown tenant"));
            if (tenant.isPresent() && !tenant.get().id().equals(namedTenant.id())) {
                throw OAuthError.invalidRequest("the request names a tenant other than the client's or the address's");
            }
            tenant = Optional.of(namedTenant);
        }
        return new AuthorizationRequest(client.clientId(), redirectUri, scopes, state, nonce, challenge, prompt,
                loginHint, maxAge, tenant.map(Tenant::id).orElse(null));
    }

    /** The one value of a parameter, or null when it is absent, empty or repeated. */
    private static String single(Map<String, List<String>> raw, String name) {
        List<String> values = raw.get(name);
        if (values == null || values.size() != 1 || values.get(0).isEmpty()) return null;
        return values.get(0);
    }
}
