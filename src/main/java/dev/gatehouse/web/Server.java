package dev.gatehouse.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.Application;
import dev.gatehouse.admin.ApiProblem;
import dev.gatehouse.admin.ClientsResource;
import dev.gatehouse.admin.SecretsResource;
import dev.gatehouse.domain.NotFoundException;
import dev.gatehouse.login.SignInPages;
import dev.gatehouse.oauth.OAuthError;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Assembles the HTTP server: routes, error mapping, security headers, metrics and request logs. */
public final class Server {
    private static final String ADMIN_VERSIONS = "/api/adminapi2/{version}";
    private static final String STARTED = "gatehouse.started";
    private static final long MAX_REQUEST_BYTES = 1024 * 1024;
    private static final int MAX_PLATFORM_THREADS = 32;
    private static final int MIN_PLATFORM_THREADS = 4;

    private Server() {}

    public static Javalin create(Application app) {
        var headers = new SecurityHeaders(app.settings().baseUrl());
        var cors = new Cors(app.corsOrigins());
        var requestLog = new RequestLog(app.metrics());
        var json = new ObjectMapper();
        ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            var threadPool = threadPool(virtualThreads);
            config.jetty.threadPool = threadPool;
            config.jetty.addConnector((server, http) -> {
                var connector = new ServerConnector(server, new ConnectionExecutor(threadPool), null, null, -1, -1,
                        new HttpConnectionFactory(http));
                connector.setHost(app.settings().host());
                connector.setPort(app.settings().port());
                return connector;
            });
            // Javalin puts its servlet inside: the token endpoint is served in front of it.
            config.jetty.modifyServer(server -> server.setHandler(
                    new TokenRoute(app.tokenEndpoint(), virtualThreads, headers, cors, requestLog, json, app.metrics())));
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            if (app.settings().proxyHeaders()) {
                // Behind a reverse proxy that sets X-Forwarded-For: the client's address comes from it.
                config.jetty.modifyHttpConfiguration(http -> http.addCustomizer(new ForwardedRequestCustomizer()));
            }
            config.jsonMapper(new JavalinJackson(json, false));
            config.http.prefer405over404 = true;
            config.routes.before(ctx -> {
                ctx.attribute(STARTED, System.nanoTime());
                headers.apply(ctx.path(), ctx::header);
                cors.apply(ctx.path(), ctx.header("Origin"), ctx::header);
                refuseNul(ctx);
            });
            config.routes.after(ctx -> record(requestLog, ctx));
            ErrorMapping.register(config.routes, app.signInPages());
            operations(config.routes, app);
            protocol(config.routes, app, cors);
            admin(config.routes, app);
            app.console().register(config.routes);
        });
    }

    /**
     * Jetty's own loops (acceptors, selectors) on platform threads, requests on virtual threads
     * ({@link TokenRoute} hands them over, and Jetty its own blocking tasks). With
     * the selectors on virtual threads too (Javalin's default), they queued behind CPU-bound requests
     * on the few carrier threads, and a saturated server served some connections back to back while
     * others waited: see bench/RESULTS.md for the measured tails.
     */
    private static QueuedThreadPool threadPool(ExecutorService virtualThreads) {
        var pool = new QueuedThreadPool(MAX_PLATFORM_THREADS, MIN_PLATFORM_THREADS, 60_000);
        pool.setName("gatehouse-http");
        pool.setVirtualThreadsExecutor(virtualThreads);
        return pool;
    }

    private static void operations(RoutesConfig r, Application app) {
        r.get("/health/live", ctx -> ctx.json(Map.of("status", "UP")));
        r.get("/health/ready", ctx -> {
            boolean up = app.database().isReachable();
            ctx.status(up ? 200 : 503).json(Map.of("status", up ? "UP" : "DOWN"));
        });
        r.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(app.metrics().scrape()));
        r.get("/api/adminapi2/openapi.json", ctx -> ctx.contentType("application/json")
                .result(Server.class.getResourceAsStream("/openapi.json")));
    }

    private static void protocol(RoutesConfig r, Application app, Cors cors) {
        for (String prefix : new String[] {"/auth2", "/auth2/{tenant}"}) {
            for (String path : new String[] {"/.well-known/openid-configuration", "/.well-known/openid-configuration/jwks",
                    "/connect/token", "/connect/revocation", "/connect/userinfo"}) {
                r.options(prefix + path, cors::preflight);
            }
            r.get(prefix + "/.well-known/openid-configuration",
                    ctx -> ctx.json(app.discovery().metadata(tenantIn(ctx))));
            r.get(prefix + "/.well-known/openid-configuration/jwks",
                    ctx -> ctx.contentType("application/jwk-set+json").result(app.discovery().jwks(tenantIn(ctx))));
            r.post(prefix + "/connect/introspect", ctx -> ctx.json(app.introspectionEndpoint().handle(ctx, tenantIn(ctx))));
            r.post(prefix + "/connect/revocation", ctx -> app.revocationEndpoint().handle(ctx, tenantIn(ctx)));
            r.get(prefix + "/connect/authorize", ctx -> app.authorizeEndpoint().handle(ctx, tenantIn(ctx)));
            r.post(prefix + "/connect/authorize", ctx -> app.authorizeEndpoint().handle(ctx, tenantIn(ctx)));
            r.get(prefix + "/connect/endsession", ctx -> app.endSessionEndpoint().handle(ctx, tenantIn(ctx)));
            r.post(prefix + "/connect/endsession", ctx -> app.endSessionEndpoint().handle(ctx, tenantIn(ctx)));
            r.get(prefix + "/connect/userinfo", ctx -> app.userinfoEndpoint().handle(ctx, tenantIn(ctx)));
            r.post(prefix + "/connect/userinfo", ctx -> app.userinfoEndpoint().handle(ctx, tenantIn(ctx)));
        }
        signIn(r, app.signInPages());
    }

    private static void signIn(RoutesConfig r, SignInPages pages) {
        String account = "/auth2/account";
        r.get(account + "/login", pages::emailPage);
        r.post(account + "/login", pages::emailSubmit);
        r.get(account + "/tenant", pages::tenantPage);
        r.post(account + "/tenant", pages::tenantSubmit);
        r.get(account + "/password", pages::passwordPage);
        r.post(account + "/password", pages::passwordSubmit);
        r.get(account + "/consent", pages::consentPage);
        r.post(account + "/consent", pages::consentSubmit);
        r.post(account + "/logout", pages::logout);
        r.get(account + "/signedout", pages::signedOut);
        r.get(account + "/static/gatehouse.css", ctx -> ctx.contentType("text/css; charset=utf-8")
                .header("Cache-Control", "public, max-age=3600")
                .result(Server.class.getResourceAsStream("/static/gatehouse.css")));
        r.get("/login/{tenantName}", pages::tenantLogin);
    }

    private static void admin(RoutesConfig r, Application app) {
        String tenant = ADMIN_VERSIONS + "/tenants/{tenant}";
        r.before(ADMIN_VERSIONS + "/*", Server::checkVersion);
        crud(r, tenant + "/clients", "{clientId}", app.tenantClients());
        secrets(r, tenant + "/clients/{clientId}/secrets", app.tenantSecrets());
        r.get(tenant + "/users", app.users()::list);
        r.post(tenant + "/users", app.users()::create);
        r.get(tenant + "/users/{userId}", app.users()::get);
        r.put(tenant + "/users/{userId}", app.users()::replace);
        r.patch(tenant + "/users/{userId}", app.users()::patch);
        r.delete(tenant + "/users/{userId}", app.users()::delete);
        r.put(tenant + "/users/{userId}/password", app.users()::setPassword);
        r.get(tenant + "/roles", app.roles()::list);
        r.post(tenant + "/roles", app.roles()::create);
        r.get(tenant + "/events", app.events()::list);
        r.get(tenant + "/keys", app.keys()::list);
        r.post(tenant + "/keys/rotate", app.keys()::rotate);
        r.get(tenant + "/settings", app.tenantSettings()::get);
        r.put(tenant + "/settings", app.tenantSettings()::replace);
        r.patch(tenant + "/settings", app.tenantSettings()::patch);

        r.get(ADMIN_VERSIONS + "/tenants", app.tenants()::list);
        r.post(ADMIN_VERSIONS + "/tenants", app.tenants()::create);
        r.get(ADMIN_VERSIONS + "/events", app.events()::listInstallation);
        r.get(tenant, app.tenants()::get);
        r.patch(tenant, app.tenants()::patch);
        r.delete(tenant, app.tenants()::delete);
        crud(r, ADMIN_VERSIONS + "/clients", "{clientId}", app.installationClients());
        secrets(r, ADMIN_VERSIONS + "/clients/{clientId}/secrets", app.installationSecrets());
    }

    private static void crud(RoutesConfig r, String collection, String id, ClientsResource resource) {
        r.get(collection, resource::list);
        r.post(collection, resource::create);
        r.get(collection + "/" + id, resource::get);
        r.put(collection + "/" + id, resource::replace);
        r.patch(collection + "/" + id, resource::patch);
        r.delete(collection + "/" + id, resource::delete);
    }

    private static void secrets(RoutesConfig r, String collection, SecretsResource resource) {
        r.get(collection, resource::list);
        r.post(collection, resource::create);
        r.delete(collection + "/{secretId}", resource::delete);
    }

    /** v1 and v2 of the admin API behave the same; any other version is not there. */
    private static void checkVersion(Context ctx) {
        String version = ctx.pathParamMap().get("version");
        if (version != null && !version.equals("v1") && !version.equals("v2")) {
            throw new NotFoundException("There is no admin API version '" + version + "'.");
        }
    }

    /** No address of ours has a use for U+0000, and PostgreSQL cannot compare text holding it. */
    private static void refuseNul(Context ctx) {
        String query = ctx.queryString();
        if (!ctx.req().getRequestURI().toLowerCase().contains("%00") && (query == null || !query.toLowerCase().contains("%00"))) {
            return;
        }
        if (ctx.path().startsWith("/auth2/")) throw OAuthError.invalidRequest("the address contains U+0000");
        throw new ApiProblem(400, "The address must not contain the character U+0000.");
    }

    private static Optional<String> tenantIn(Context ctx) {
        return Optional.ofNullable(ctx.pathParamMap().get("tenant"));
    }

    /** The matched route template (never the raw path, which may carry ids), for metrics and logs. */
    static String routeOf(Context ctx) {
        var endpoint = ctx.endpoints().lastHttpEndpoint();
        return endpoint == null ? "unmatched" : endpoint.path;
    }

    private static void record(RequestLog requestLog, Context ctx) {
        Long started = ctx.attribute(STARTED);
        if (started != null) requestLog.record(ctx.method().name(), routeOf(ctx), ctx.status().getCode(), started);
    }
}
