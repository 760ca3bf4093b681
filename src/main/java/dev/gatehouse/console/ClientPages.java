package dev.gatehouse.console;

import dev.gatehouse.admin.ClientService;
import dev.gatehouse.admin.TenantService;
import dev.gatehouse.console.Console.Action;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientBuilder;
import dev.gatehouse.domain.ClientSecret;
import dev.gatehouse.domain.ConflictException;
import dev.gatehouse.domain.NotFoundException;
import dev.gatehouse.domain.RedirectUriPolicy;
import dev.gatehouse.domain.RefreshTokenUsage;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.ValidationErrors;
import dev.gatehouse.domain.ValidationException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The console's API client pages: the list with search and paging, Create API Client, and a client's
 * page with its name, secrets, addresses, token lifetimes, OAuth 2.0 flows and roles. Every change
 * goes through {@link ClientService}, which validates and audits it as it does for the admin API.
 */
public final class ClientPages {
    /** The secret lifetimes offered by Add Secret, from one day to 36 months; six months by default. */
    static final Map<String, String> EXPIRY_CHOICES = expiryChoices();
    static final String DEFAULT_EXPIRY = "6m";

    /** The address lists of a client, by the path segment that names them in the console. */
    private static final Map<String, String> URI_LISTS = Map.of(
            "redirect-uris", "redirectUris",
            "post-logout-uris", "postLogoutRedirectUris",
            "cors-origins", "allowedCorsOrigins");

    /** What the pages say after a change, by the key they were redirected with. */
    private static final Map<String, String> NOTICES = Map.ofEntries(
            Map.entry("renamed", "The client was renamed."),
            Map.entry("enabled", "The client is enabled."),
            Map.entry("disabled", "The client is disabled: it can get no tokens."),
            Map.entry("flows", "The OAuth 2.0 flows were saved."),
            Map.entry("roles", "The roles were saved."),
            Map.entry("tokens", "The token settings were saved."),
            Map.entry("uri-added", "The address was added."),
            Map.entry("uri-removed", "The address was removed."),
            Map.entry("secret-deleted", "The secret was deleted."),
            Map.entry("deleted", "The client was deleted."));

    private final ClientService clients;
    private final TenantService tenants;
    private final Clock clock;

    public ClientPages(ClientService clients, TenantService tenants, Clock clock) {
        this.clients = clients;
        this.tenants = tenants;
        this.clock = clock;
    }

    void register(RoutesConfig r, Function<Action, Handler> guard) {
        String base = ConsoleSessions.PATH + "/clients";
        String one = base + "/{clientId}";
        r.get(base, guard.apply(this::list));
        r.get(base + "/new", guard.apply((ctx, s) -> newClient(ctx, s, null, Map.of(), 200)));
        r.post(base, guard.apply(this::create));
        r.get(one, guard.apply((ctx, s) -> show(ctx, s, client(ctx, s), Map.of(), Forms.notice(ctx, NOTICES), 200)));
        r.post(one + "/name", guard.apply(this::rename));
        r.post(one + "/enabled", guard.apply(this::setEnabled));
        r.post(one + "/flows", guard.apply(this::flows));
        r.post(one + "/roles", guard.apply(this::roles));
        r.post(one + "/tokens", guard.apply(this::tokens));
        r.post(one + "/{list}/add", guard.apply(this::addUri));
        r.post(one + "/{list}/remove", guard.apply(this::removeUri));
        r.post(one + "/secrets", guard.apply(this::addSecret));
        r.get(one + "/secrets/{secretId}/delete", guard.apply(this::confirmSecretDelete));
        r.post(one + "/secrets/{secretId}/delete", guard.apply(this::deleteSecret));
        r.get(one + "/delete", guard.apply(this::confirmDelete));
        r.post(one + "/delete", guard.apply(this::delete));
    }

    private void list(Context ctx, ConsoleSession s) {
        ConsoleView.renderSearch(ctx, s, "clients", NOTICES,
                (search, offset, limit) -> clients.list(s.tenant(), search, offset, limit));
    }

    private void newClient(Context ctx, ConsoleSession s, String name, Map<String, String> errors, int status) {
        Map<String, Object> params = ConsoleView.params(s);
        params.put("clientName", name);
        params.put("errors", errors);
        ConsoleView.render(ctx, status, "client-new", params);
    }

    private void create(Context ctx, ConsoleSession s) {
        String name = Forms.text(ctx, "clientName").orElse("");
        ClientBuilder draft = clients.draft(s.tenant());
        draft.clientName = name;
        var errors = clients.check(s.tenant(), draft);
        if (!errors.isEmpty()) {
            newClient(ctx, s, name, Forms.firstErrors(errors.asMap()), 400);
            return;
        }
        var saved = clients.create(s.tenant(), draft, s.actor());
        var secret = saved.firstSecret().orElseThrow();
        showSecret(ctx, s, saved.client(), secret.value(), "API client created");
    }

    /** The once-only view of a secret's value: copy buttons, Save to File, and Close to the client's page. */
    private void showSecret(Context ctx, ConsoleSession s, Client client, String secret, String title) {
        Map<String, Object> params = ConsoleView.params(s);
        params.put("title", title);
        params.put("client", client);
        params.put("secret", secret);
        String file = "Client ID: " + client.clientId() + "\r\nClient Secret: " + secret + "\r\n";
        params.put("fileHref", "data:text/plain;charset=utf-8," + URLEncoder.encode(file, StandardCharsets.UTF_8)
                .replace("+", "%20"));
        params.put("fileName", fileName(client.clientName()));
        ConsoleView.render(ctx, 201, "secret-shown", params);
    }

    /** The download's name: the client's name in safe characters. */
    static String fileName(String clientName) {
        String safe = clientName.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[-.]+|-+$", "");
        if (safe.length() > 80) safe = safe.substring(0, 80);
        return (safe.isEmpty() ? "api-client" : safe) + ".txt";
    }

    private Client client(Context ctx, ConsoleSession s) {
        return clients.get(s.tenant(), ctx.pathParam("clientId"));
    }

    void show(Context ctx, ConsoleSession s, Client client, Map<String, String> errors, String notice, int status) {
        Instant now = clock.instant();
        Map<String, Object> params = ConsoleView.params(s);
        params.put("client", client);
        params.put("secrets", clients.secrets(s.tenant(), client.clientId()));
        params.put("roles", tenants.roles(s.tenant()).stream().map(Role::name).toList());
        var risks = new LinkedHashMap<String, String>();
        for (String uri : client.redirectUris()) {
            RedirectUriPolicy.riskWarning(uri, s.tenant().settings().exactRedirectUris()).ifPresent(w -> risks.put(uri, w));
        }
        params.put("risks", risks);
        params.put("errors", errors);
        params.put("notice", notice);
        params.put("now", now);
        params.put("expiryChoices", EXPIRY_CHOICES);
        params.put("defaultExpiry", DEFAULT_EXPIRY);
        ConsoleView.render(ctx, status, "client", params);
    }

    /** Applies {@code change} to the client and saves it, or shows the page again with the errors. */
    private void change(Context ctx, ConsoleSession s, String done, Change change) {
        Client existing = client(ctx, s);
        ClientBuilder draft = ClientBuilder.from(existing);
        var formErrors = new ValidationErrors();
        change.apply(draft, formErrors);
        var errors = formErrors.isEmpty() ? clients.check(s.tenant(), draft) : formErrors;
        if (!errors.isEmpty()) {
            show(ctx, s, existing, Forms.firstErrors(errors.asMap()), null, 400);
            return;
        }
        clients.update(s.tenant(), existing, draft, s.actor());
        ctx.redirect(ConsoleSessions.PATH + "/clients/" + existing.clientId() + "?done=" + done, HttpStatus.SEE_OTHER);
    }

    @FunctionalInterface
    private interface Change {
        void apply(ClientBuilder draft, ValidationErrors errors);
    }

    private void rename(Context ctx, ConsoleSession s) {
        change(ctx, s, "renamed", (d, e) -> d.clientName = Forms.text(ctx, "clientName").orElse(""));
    }

    private void setEnabled(Context ctx, ConsoleSession s) {
        boolean enable = "true".equals(ctx.formParam("enabled"));
        change(ctx, s, enable ? "enabled" : "disabled", (d, e) -> d.enabled = enable);
    }

    private void flows(Context ctx, ConsoleSession s) {
        change(ctx, s, "flows", (d, e) -> {
            d.allowNoPkce = !Forms.checked(ctx, "requirePkce");
            d.allowOfflineAccess = Forms.checked(ctx, "allowOfflineAccess");
            d.allowRopc = Forms.checked(ctx, "allowRopc");
            d.allowClientCredentials = Forms.checked(ctx, "allowClientCredentials");
        });
    }

    private void roles(Context ctx, ConsoleSession s) {
        change(ctx, s, "roles", (d, e) -> d.roles = Forms.all(ctx, "role"));
    }

    private void tokens(Context ctx, ConsoleSession s) {
        change(ctx, s, "tokens", (d, e) -> {
            Forms.number(ctx, "accessTokenLifetime", 1, Client.MAX_LIFETIME, "accessTokenLifetime", e)
                    .ifPresent(n -> d.accessTokenLifetime = n);
            Forms.number(ctx, "refreshTokenLifetime", 0, Client.MAX_LIFETIME, "refreshTokenLifetime", e)
                    .ifPresent(n -> d.refreshTokenLifetime = n);
            String usage = ctx.formParam("refreshTokenUsage");
            try {
                d.refreshTokenUsage = RefreshTokenUsage.valueOf(usage == null ? "" : usage);
            } catch (IllegalArgumentException bad) {
                e.add("refreshTokenUsage", "must be OneTimeOnly or ReUse");
            }
        });
    }

    private void addUri(Context ctx, ConsoleSession s) {
        String field = uriList(ctx);
        change(ctx, s, "uri-added", (d, e) -> {
            var value = Forms.text(ctx, "uri");
            if (value.isEmpty()) {
                e.add(field, "enter an address");
                return;
            }
            var list = new ArrayList<>(listOf(d, field));
            list.add(value.get());
            setList(d, field, list);
        });
    }

    private void removeUri(Context ctx, ConsoleSession s) {
        String field = uriList(ctx);
        change(ctx, s, "uri-removed", (d, e) -> {
            var list = new ArrayList<>(listOf(d, field));
            list.remove(ctx.formParam("uri"));
            setList(d, field, list);
        });
    }

    private static String uriList(Context ctx) {
        String field = URI_LISTS.get(ctx.pathParam("list"));
        if (field == null) throw new NotFoundException("There is nothing at this address.");
        return field;
    }

    private static List<String> listOf(ClientBuilder d, String field) {
        return switch (field) {
            case "redirectUris" -> d.redirectUris;
            case "postLogoutRedirectUris" -> d.postLogoutRedirectUris;
            default -> d.allowedCorsOrigins;
        };
    }

    private static void setList(ClientBuilder d, String field, List<String> list) {
        switch (field) {
            case "redirectUris" -> d.redirectUris = list;
            case "postLogoutRedirectUris" -> d.postLogoutRedirectUris = list;
            default -> d.allowedCorsOrigins = list;
        }
    }

    private void addSecret(Context ctx, ConsoleSession s) {
        Client client = client(ctx, s);
        String choice = Optional.ofNullable(ctx.formParam("expiry")).orElse(DEFAULT_EXPIRY);
        if (!EXPIRY_CHOICES.containsKey(choice)) {
            show(ctx, s, client, Map.of("expiration", "choose one of the offered lifetimes"), null, 400);
            return;
        }
        Instant now = clock.instant();
        try {
            var issued = clients.addSecret(s.tenant(), client.clientId(), Forms.text(ctx, "description").orElse(null),
                    now, expiry(now, choice), s.actor());
            showSecret(ctx, s, client, issued.value(), "Secret added");
        } catch (ValidationException e) {
            show(ctx, s, client, Forms.firstErrors(e.errors()), null, 400);
        } catch (ConflictException e) {
            show(ctx, s, client, Map.of("expiration", e.getMessage()), null, 409);
        }
    }

    static Instant expiry(Instant now, String choice) {
        int n = Integer.parseInt(choice.substring(0, choice.length() - 1));
        var at = now.atOffset(ZoneOffset.UTC);
        return (choice.endsWith("d") ? at.plusDays(n) : at.plusMonths(n)).toInstant();
    }

    private void confirmSecretDelete(Context ctx, ConsoleSession s) {
        Client client = client(ctx, s);
        ClientSecret secret = clients.secrets(s.tenant(), client.clientId()).stream()
                .filter(x -> x.id().equals(ctx.pathParam("secretId"))).findFirst()
                .orElseThrow(() -> new NotFoundException("This secret does not exist."));
        ConsoleView.confirm(ctx, s, "Delete secret",
                "Delete the secret " + secret.valueDisplay() + "…"
                        + (secret.description() == null ? "" : " (" + secret.description() + ")")
                        + " of " + client.clientName() + "? Applications using it can no longer get tokens.",
                ctx.path(), clientPath(client), "Delete secret");
    }

    private void deleteSecret(Context ctx, ConsoleSession s) {
        Client client = client(ctx, s);
        clients.deleteSecret(s.tenant(), client.clientId(), ctx.pathParam("secretId"), s.actor());
        ctx.redirect(clientPath(client) + "?done=secret-deleted", HttpStatus.SEE_OTHER);
    }

    private void confirmDelete(Context ctx, ConsoleSession s) {
        Client client = client(ctx, s);
        ConsoleView.confirm(ctx, s, "Delete API client", "Delete " + client.clientName() + " (" + client.clientId()
                + ") and all its secrets? Applications using it can no longer get tokens.", ctx.path(),
                clientPath(client), "Delete client");
    }

    private void delete(Context ctx, ConsoleSession s) {
        Client client = client(ctx, s);
        clients.delete(s.tenant(), client.clientId(), s.actor());
        ctx.redirect(ConsoleSessions.PATH + "/clients?done=deleted", HttpStatus.SEE_OTHER);
    }

    private static String clientPath(Client client) {
        return ConsoleSessions.PATH + "/clients/" + URLEncoder.encode(client.clientId(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> expiryChoices() {
        var choices = new LinkedHashMap<String, String>();
        choices.put("1d", "1 day");
        choices.put("7d", "7 days");
        choices.put("1m", "1 month");
        choices.put("3m", "3 months");
        choices.put("6m", "6 months");
        choices.put("12m", "12 months");
        choices.put("24m", "24 months");
        choices.put("36m", "36 months");
        return Collections.unmodifiableMap(choices);
    }
}
