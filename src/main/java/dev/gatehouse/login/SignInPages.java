package dev.gatehouse.login;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.Scopes;
import dev.gatehouse.domain.Tenant;
import dev.gatehouse.domain.TenantSettings;
import dev.gatehouse.domain.User;
import dev.gatehouse.oauth.AuthorizationRequest;
import dev.gatehouse.oauth.AuthorizationResponder;
import dev.gatehouse.oauth.AuthorizationResponder.SignedIn;
import dev.gatehouse.oauth.PasswordCheck;
import dev.gatehouse.oauth.SessionLogout;
import dev.gatehouse.oauth.SignInThrottle;
import dev.gatehouse.oauth.SignOutRequest;
import dev.gatehouse.oauth.UserInteraction;
import dev.gatehouse.store.AuditStore;
import dev.gatehouse.store.ClientCache;
import dev.gatehouse.store.ConsentStore;
import dev.gatehouse.store.SessionStore.StoredSession;
import dev.gatehouse.store.TenantCache;
import dev.gatehouse.store.UserStore;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sign-in pages under /auth2/account/… and /login/{tenant}: email, tenant choice, password,
 * consent, error, signed-in and signed-out pages. What a sign-in has got so far lives in the
 * server-side session ({@link Pending}); every form posts back with the session's CSRF token, and
 * every form answers with a redirect (303) to the next page, so reloading never re-posts.
 */
public final class SignInPages implements UserInteraction {
    static final int MAX_EMAIL = 320;
    static final int MAX_PASSWORD = 1024;
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** A tenant offered on the tenant page. */
    public record TenantChoice(String id, String name, String displayName) {}

    /**
     * A sign-in in progress: the authorization request it answers (null for /login/{tenant}), the tenant
     * fixed before sign-in (by the request or the address), the email entered, the tenant chosen, and
     * the step reached ("email", "tenant", "password", "consent").
     */
    public record Pending(AuthorizationRequest request, String fixedTenantId, String email, String tenantId, String step) {
        Pending with(String newEmail, String newTenantId, String newStep) {
            return new Pending(request, fixedTenantId, newEmail, newTenantId, newStep);
        }
    }

    private final Sessions sessions;
    private final SignInThrottle throttle;
    private final Pages pages;
    private final AuthorizationResponder responder;
    private final ClientCache clients;
    private final TenantCache tenants;
    private final UserStore users;
    private final ConsentStore consents;
    private final PasswordCheck passwords;
    private final SignInAudit audit;
    private final SessionLogout logouts;
    private final Clock clock;

    public SignInPages(Sessions sessions, SignInThrottle throttle, AuthorizationResponder responder,
                       ClientCache clients, TenantCache tenants, UserStore users, ConsentStore consents,
                       PasswordCheck passwords, AuditStore auditStore, SessionLogout logouts, Clock clock) {
        this.audit = new SignInAudit(auditStore, clock);
        this.sessions = sessions;
        this.throttle = throttle;
        this.pages = new Pages();
        this.responder = responder;
        this.clients = clients;
        this.tenants = tenants;
        this.users = users;
        this.consents = consents;
        this.passwords = passwords;
        this.logouts = logouts;
        this.clock = clock;
    }

    // ---- from the authorization endpoint

    @Override
    public void begin(Context ctx, AuthorizationRequest request) {
        StoredSession session = sessions.currentOrNew(ctx);
        if (session.signedIn() && reusable(session, request)) {
            finish(ctx, session, new Pending(request, request.tenantId(), null, session.tenantId(), "done"), HttpStatus.FOUND);
            return;
        }
        if (request.promptNone()) {
            ctx.redirect(responder.errorRedirect(request, null, "login_required", "the user must sign in"));
            return;
        }
        sessions.withPending(session, json(new Pending(request, request.tenantId(), request.loginHint(),
                request.tenantId(), "email")));
        ctx.redirect("/auth2/account/login");
    }

    @Override
    public void showError(Context ctx, int status, String message) {
        pages.render(ctx, status, "message", params("title", "Something went wrong", "message", message, "csrf", null, "alert", true), null);
    }

    /** Whether the session's sign-in answers this request without asking again (OIDC Core §3.1.2.1 prompt, max_age). */
    private boolean reusable(StoredSession session, AuthorizationRequest request) {
        if (request.promptLogin()) return false;
        if (request.tenantId() != null && !request.tenantId().equals(session.tenantId())) return false;
        if (request.maxAge() != null
                && session.authTime().plusSeconds(request.maxAge()).isBefore(clock.instant())) return false;
        if (tenants.find(session.tenantId()).filter(Tenant::enabled).isEmpty()) return false;
        return users.byId(session.tenantId(), session.userId()).filter(User::enabled).isPresent();
    }

    // ---- /login/{tenant}

    public void tenantLogin(Context ctx) {
        Optional<Tenant> tenant = tenants.find(ctx.pathParam("tenantName")).filter(Tenant::enabled);
        if (tenant.isEmpty()) {
            showError(ctx, 404, "There is no such tenant.");
            return;
        }
        String hint = ctx.queryParam("login_hint");
        if (hint != null && (hint.length() > 100 || hint.indexOf('\0') >= 0)) hint = null;
        StoredSession session = sessions.currentOrNew(ctx);
        sessions.withPending(session, json(new Pending(null, tenant.get().id(), hint, tenant.get().id(), "email")));
        ctx.redirect("/auth2/account/login");
    }

    // ---- email

    public void emailPage(Context ctx) {
        var state = state(ctx);
        if (state == null) return;
        renderEmail(ctx, 200, state.session(), state.pending(), state.pending().email(), null);
    }

    public void emailSubmit(Context ctx) {
        var state = postedState(ctx);
        if (state == null) return;
        Pending pending = state.pending();
        String email = ctx.formParam("email");
        email = email == null ? "" : email.trim();
        if (email.isEmpty() || email.length() > MAX_EMAIL || !email.contains("@") || email.indexOf('\0') >= 0) {
            renderEmail(ctx, 400, state.session(), pending, email.length() > MAX_EMAIL ? "" : email,
                    "Enter your email address.");
            return;
        }
        String tenantId = pending.fixedTenantId();
        if (tenantId == null) {
            List<TenantChoice> choices = tenantsOf(email);
            if (choices.size() > 1) {
                sessions.withPending(state.session(), json(pending.with(email, null, "tenant")));
                ctx.redirect("/auth2/account/tenant", HttpStatus.SEE_OTHER);
                return;
            }
            if (choices.size() == 1) tenantId = choices.get(0).id();
        }
        sessions.withPending(state.session(), json(pending.with(email, tenantId, "password")));
        ctx.redirect("/auth2/account/password", HttpStatus.SEE_OTHER);
    }

    private void renderEmail(Context ctx, int status, StoredSession session, Pending pending, String email, String error) {
        pages.render(ctx, status, "email", params("csrf", session.csrfToken(), "email", email, "error", error,
                "clientName", clientName(pending), "tenantName", tenantName(pending.fixedTenantId())), null);
    }

    // ---- tenant choice

    public void tenantPage(Context ctx) {
        var state = state(ctx);
        if (state == null) return;
        if (state.pending().email() == null || state.pending().fixedTenantId() != null) {
            ctx.redirect("/auth2/account/login", HttpStatus.SEE_OTHER);
            return;
        }
        renderTenants(ctx, 200, state.session(), state.pending(), null);
    }

    public void tenantSubmit(Context ctx) {
        var state = postedState(ctx);
        if (state == null) return;
        Pending pending = state.pending();
        if (pending.email() == null || pending.fixedTenantId() != null) {
            ctx.redirect("/auth2/account/login", HttpStatus.SEE_OTHER);
            return;
        }
        String chosen = ctx.formParam("tenant");
        var match = tenantsOf(pending.email()).stream().filter(t -> t.id().equals(chosen)).findFirst();
        if (match.isEmpty()) {
            renderTenants(ctx, 400, state.session(), pending, "Choose one of the tenants listed.");
            return;
        }
        sessions.withPending(state.session(), json(pending.with(pending.email(), match.get().id(), "password")));
        ctx.redirect("/auth2/account/password", HttpStatus.SEE_OTHER);
    }

    private void renderTenants(Context ctx, int status, StoredSession session, Pending pending, String error) {
        pages.render(ctx, status, "tenant", params("csrf", session.csrfToken(), "email", pending.email(),
                "tenants", tenantsOf(pending.email()), "error", error), null);
    }

    /** The enabled tenants in which an enabled user has this email. */
    private List<TenantChoice> tenantsOf(String email) {
        var out = new ArrayList<TenantChoice>();
        for (User u : users.byEmailInAnyTenant(email)) {
            if (!u.enabled()) continue;
            tenants.find(u.tenantId()).filter(Tenant::enabled)
                    .ifPresent(t -> out.add(new TenantChoice(t.id(), t.name(), t.displayName())));
        }
        return out;
    }

    // ---- password

    public void passwordPage(Context ctx) {
        var state = state(ctx);
        if (state == null) return;
        if (!readyForPassword(state.pending())) {
            ctx.redirect("/auth2/account/login", HttpStatus.SEE_OTHER);
            return;
        }
        renderPassword(ctx, 200, state.session(), state.pending(), null);
    }

    public void passwordSubmit(Context ctx) {
        var state = postedState(ctx);
        if (state == null) return;
        Pending pending = state.pending();
        if (!readyForPassword(pending)) {
            ctx.redirect("/auth2/account/login", HttpStatus.SEE_OTHER);
            return;
        }
        String password = ctx.formParam("password");
        if (password == null || password.isEmpty() || password.length() > MAX_PASSWORD) {
            renderPassword(ctx, 400, state.session(), pending, "Enter your password.");
            return;
        }
        String ip = ctx.ip();
        String tenantId = pending.tenantId();
        Optional<Instant> locked = throttle.lockedUntil(tenantId, pending.email(), ip);
        if (locked.isPresent()) {
            renderPassword(ctx, 429, state.session(), pending, retryMessage(locked.get()));
            return;
        }
        Optional<Tenant> tenant = tenantId == null ? Optional.empty() : tenants.find(tenantId).filter(Tenant::enabled);
        Optional<User> user = tenant.isEmpty() ? Optional.empty() : users.byEmail(tenantId, pending.email());
        if (!passwords.passes(user, password)) {
            TenantSettings settings = tenant.map(Tenant::settings).orElse(TenantSettings.defaults());
            Optional<Instant> nowLocked = throttle.failed(settings, tenantId, pending.email(), ip);
            user.ifPresent(u -> audit.failed(u.tenantId(), u.id(), ip, nowLocked.isPresent()));
            if (nowLocked.isPresent()) {
                renderPassword(ctx, 429, state.session(), pending, retryMessage(nowLocked.get()));
            } else {
                renderPassword(ctx, 401, state.session(), pending, "The email or password is wrong.");
            }
            return;
        }
        throttle.succeeded(tenantId, pending.email());
        audit.signedIn(tenantId, user.get().id(), ip, pending.request() == null ? null : pending.request().clientId());
        StoredSession signedIn = sessions.signIn(ctx, state.session(), tenantId, user.get().id());
        finish(ctx, signedIn, pending.with(pending.email(), tenantId, "done"), HttpStatus.SEE_OTHER);
    }

    private static boolean readyForPassword(Pending pending) {
        return pending.email() != null && (pending.tenantId() != null || pending.step().equals("password"));
    }

    private void renderPassword(Context ctx, int status, StoredSession session, Pending pending, String error) {
        pages.render(ctx, status, "password", params("csrf", session.csrfToken(), "email", pending.email(),
                "tenantName", tenantName(pending.tenantId()), "error", error), redirectOf(pending));
    }

    private String retryMessage(Instant until) {
        long seconds = Math.max(1, Duration.between(clock.instant(), until).toSeconds());
        String wait = seconds < 120 ? seconds + " seconds" : ((seconds + 59) / 60) + " minutes";
        return "Too many failed sign-ins. Try again in " + wait + " (after " + CLOCK_TIME.format(until.plusSeconds(59))
                + " UTC).";
    }

    // ---- after sign-in: consent, then the answer to the client

    /** Answers the request of a signed-in session: consent if needed, then a code for the client. */
    private void finish(Context ctx, StoredSession session, Pending pending, HttpStatus status) {
        AuthorizationRequest request = pending.request();
        if (request == null) {
            sessions.withPending(session, null);
            String email = users.byId(session.tenantId(), session.userId()).map(User::email).orElse("");
            pages.render(ctx, 200, "message", params("title", "You are signed in",
                    "message", "You are signed in as " + email + ".", "csrf", session.csrfToken()), null);
            return;
        }
        Optional<Client> client = clients.find(request.clientId()).map(ClientCache.ClientWithSecrets::client)
                .filter(Client::enabled);
        if (client.isEmpty()) {
            sessions.withPending(session, null);
            showError(ctx, 400, "The application that sent you here is unknown or disabled.");
            return;
        }
        if (client.get().requireConsent() && !remembered(session, request)) {
            if (request.promptNone()) {
                sessions.withPending(session, null);
                ctx.redirect(responder.errorRedirect(request, session.tenantId(), "consent_required",
                        "the user must consent"), status);
                return;
            }
            sessions.withPending(session, json(pending.with(pending.email(), session.tenantId(), "consent")));
            ctx.redirect("/auth2/account/consent", status);
            return;
        }
        answer(ctx, session, request, status);
    }

    private boolean remembered(StoredSession session, AuthorizationRequest request) {
        return consents.find(session.userId(), request.clientId())
                .map(Scopes::parse).map(granted -> granted.containsAll(request.scopes())).orElse(false);
    }

    private void answer(Context ctx, StoredSession session, AuthorizationRequest request, HttpStatus status) {
        sessions.withPending(session, null);
        String url = responder.codeRedirect(request,
                new SignedIn(session.tenantId(), session.userId(), session.sid(), session.authTime()),
                new LinkedHashSet<>(request.scopes()));
        ctx.redirect(url, status);
    }

    public void consentPage(Context ctx) {
        var state = consentState(ctx, false);
        if (state == null) return;
        Client client = state.client();
        var permissions = new ArrayList<String>();
        for (String scope : state.pending().request().scopes()) permissions.add(describe(scope));
        String email = users.byId(state.session().tenantId(), state.session().userId()).map(User::email).orElse("");
        pages.render(ctx, 200, "consent", params("csrf", state.session().csrfToken(), "clientName", client.clientName(),
                "permissions", List.copyOf(new LinkedHashSet<>(permissions)), "offerRemember", client.allowRememberConsent(),
                "email", email), redirectOf(state.pending()));
    }

    public void consentSubmit(Context ctx) {
        var state = consentState(ctx, true);
        if (state == null) return;
        AuthorizationRequest request = state.pending().request();
        String decision = ctx.formParam("decision");
        if ("deny".equals(decision)) {
            sessions.withPending(state.session(), null);
            ctx.redirect(responder.errorRedirect(request, state.session().tenantId(), "access_denied",
                    "the user denied the request"), HttpStatus.SEE_OTHER);
            return;
        }
        if (!"allow".equals(decision)) {
            ctx.redirect("/auth2/account/consent", HttpStatus.SEE_OTHER);
            return;
        }
        if ("on".equals(ctx.formParam("remember")) && state.client().allowRememberConsent()) {
            consents.save(state.session().userId(), request.clientId(), String.join(" ", request.scopes()), clock.instant());
        }
        answer(ctx, state.session(), request, HttpStatus.SEE_OTHER);
    }

    private record ConsentState(StoredSession session, Pending pending, Client client) {}

    private ConsentState consentState(Context ctx, boolean posted) {
        var state = posted ? postedState(ctx) : state(ctx);
        if (state == null) return null;
        Pending pending = state.pending();
        if (!state.session().signedIn() || pending.request() == null || !"consent".equals(pending.step())) {
            showError(ctx, 400, "There is no request waiting for your consent. Go back to the application and start again.");
            return null;
        }
        Optional<Client> client = clients.find(pending.request().clientId()).map(ClientCache.ClientWithSecrets::client)
                .filter(Client::enabled);
        if (client.isEmpty()) {
            showError(ctx, 400, "The application that sent you here is unknown or disabled.");
            return null;
        }
        return new ConsentState(state.session(), pending, client.get());
    }

    private static String describe(String scope) {
        return switch (scope) {
            case Scopes.OPENID -> "Sign you in with your account";
            case Scopes.PROFILE -> "See your name";
            case Scopes.EMAIL -> "See your email address";
            case Scopes.PERMISSIONS -> "See your roles and permissions";
            case Scopes.PUBLIC_API, Scopes.GLOBAL_WILDCARD -> "Use the API on your behalf";
            default -> "Use " + scope;
        };
    }

    // ---- sign-out

    /** POST /auth2/account/logout: the sign-out button of these pages, a confirmed logout without a client. */
    public void logout(Context ctx) {
        signOut(ctx, SignOutRequest.signOutButton());
    }

    /**
     * Every logout: without a signed-in session there is nothing to end; a valid hint for this session
     * or a confirmation with the session's CSRF token ends it; anything else asks the person first, so
     * a page elsewhere cannot sign them out (RP-Initiated Logout §6).
     */
    @Override
    public void signOut(Context ctx, SignOutRequest request) {
        Optional<StoredSession> session = sessions.current(ctx);
        if (session.isEmpty() || !session.get().signedIn()) {
            session.ifPresent(s -> sessions.end(ctx, s));
            signedOutAnswer(ctx, request);
            return;
        }
        StoredSession s = session.get();
        boolean ownClient = s.sid().equals(request.hintSid());
        if (!ownClient && !request.confirmed()) {
            var params = params("csrf", s.csrfToken(), "action", request.confirmAction(), "fields", request.carried(),
                    "clientName", request.clientName());
            pages.render(ctx, 200, "signout", params, request.redirectTo());
            return;
        }
        if (!ownClient && !Sessions.csrfMatches(s, ctx.formParam("csrf"))) {
            csrfRefused(ctx);
            return;
        }
        sessions.end(ctx, s);
        logouts.sessionEnded(s.tenantId(), s.userId(), s.sid());
        audit.signedOut(s.tenantId(), s.userId(), ctx.ip());
        signedOutAnswer(ctx, request);
    }

    /** To the client's registered address when the request earned it, else to the signed-out page. */
    private static void signedOutAnswer(Context ctx, SignOutRequest request) {
        HttpStatus status = ctx.method() == HandlerType.POST ? HttpStatus.SEE_OTHER : HttpStatus.FOUND;
        ctx.redirect(request.redirectTo() != null ? request.redirectTo() : "/auth2/account/signedout", status);
    }

    public void signedOut(Context ctx) {
        pages.render(ctx, 200, "message", params("title", "You are signed out",
                "message", "You have signed out of Gatehouse. You can close this window.", "csrf", null), null);
    }

    // ---- state of a sign-in

    private record State(StoredSession session, Pending pending) {}

    /** The session and its sign-in in progress, or null after showing the error page. */
    private State state(Context ctx) {
        Optional<StoredSession> session = sessions.current(ctx);
        Pending pending = session.map(s -> pending(s.pending())).orElse(null);
        if (pending == null) {
            showError(ctx, 400, "There is no sign-in in progress, or it has expired. Go back to the application and start again.");
            return null;
        }
        return new State(session.get(), pending);
    }

    /** As {@link #state}, for a form: also checks the CSRF token. */
    private State postedState(Context ctx) {
        Optional<StoredSession> session = sessions.current(ctx);
        if (session.isEmpty() || !Sessions.csrfMatches(session.get(), ctx.formParam("csrf"))) {
            csrfRefused(ctx);
            return null;
        }
        return state(ctx);
    }

    private void csrfRefused(Context ctx) {
        pages.render(ctx, 403, "message", params("title", "Something went wrong", "message",
                "This form has expired or did not come from this site. Go back to the application and start again.",
                "csrf", null, "alert", true), null);
    }

    private static Pending pending(String text) {
        if (text == null) return null;
        try {
            return JSON.readValue(text, Pending.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String json(Pending pending) {
        try {
            return JSON.writeValueAsString(pending);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a sign-in", e);
        }
    }

    private String clientName(Pending pending) {
        if (pending.request() == null) return null;
        return clients.find(pending.request().clientId()).map(c -> c.client().clientName()).orElse(null);
    }

    private String tenantName(String tenantId) {
        if (tenantId == null) return null;
        return tenants.find(tenantId).map(Tenant::displayName).orElse(null);
    }

    private static String redirectOf(Pending pending) {
        return pending.request() == null ? null : pending.request().redirectUri();
    }

    private static Map<String, Object> params(Object... keyValues) {
        var m = new HashMap<String, Object>();
        for (int i = 0; i < keyValues.length; i += 2) m.put((String) keyValues[i], keyValues[i + 1]);
        return m;
    }
}
