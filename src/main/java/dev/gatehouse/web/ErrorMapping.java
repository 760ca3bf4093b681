package dev.gatehouse.web;

import dev.gatehouse.admin.ApiProblem;
import dev.gatehouse.console.Console;
import dev.gatehouse.domain.ConflictException;
import dev.gatehouse.domain.NotFoundException;
import dev.gatehouse.domain.ValidationException;
import dev.gatehouse.oauth.OAuthError;
import dev.gatehouse.oauth.UserInteraction;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns every failure into the error format of where it happened: RFC 6749 error JSON at protocol
 * endpoints, RFC 9457 problem details everywhere else. Nothing unexpected leaks a stack trace.
 */
final class ErrorMapping {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapping.class);
    static final String PROBLEM_JSON = "application/problem+json";

    private ErrorMapping() {}

    static void register(RoutesConfig routes, UserInteraction pages) {
        routes.exception(OAuthError.class, (e, ctx) -> {
            if (isPage(ctx)) pages.showError(ctx, e.status(), e.description());
            else oauth(e, ctx);
        });
        routes.exception(ApiProblem.class, (e, ctx) -> problem(ctx, e.status(), e.getMessage(), e.errors()));
        routes.exception(ValidationException.class, (e, ctx) -> {
            if (isConsole(ctx)) Console.showError(ctx, 400, "The change is not valid: " + e.errors() + ".");
            else problem(ctx, 400, "The request is invalid.", e.errors());
        });
        routes.exception(NotFoundException.class, (e, ctx) -> {
            if (isConsole(ctx)) Console.showError(ctx, 404, "There is nothing here: " + e.getMessage() + ".");
            else problem(ctx, 404, e.getMessage(), Map.of());
        });
        routes.exception(ConflictException.class, (e, ctx) -> {
            if (isConsole(ctx)) Console.showError(ctx, 409, "This cannot be done: " + e.getMessage() + ".");
            else problem(ctx, 409, e.getMessage(), Map.of());
        });
        routes.exception(Exception.class, (e, ctx) -> {
            if (isConsole(ctx)) {
                log.error("unexpected failure handling {} {}", ctx.method(), Server.routeOf(ctx), e);
                Console.showError(ctx, 500, "The server could not handle the request. Try again later.");
            } else if (isPage(ctx)) {
                log.error("unexpected failure handling {} {}", ctx.method(), Server.routeOf(ctx), e);
                pages.showError(ctx, 500, "The server could not handle the request. Try again later.");
            } else {
                unexpected(e, ctx);
            }
        });
        routes.error(404, ctx -> pageOr(ctx, pages, 404, "There is nothing at this address."));
        routes.error(405, ctx -> pageOr(ctx, pages, 405, "This method is not allowed here."));
        routes.error(413, ctx -> pageOr(ctx, pages, 413, "The request body is too large."));
    }

    /** The sign-in pages (and the authorization endpoint, which people reach in a browser) answer errors in HTML. */
    static boolean isPage(Context ctx) {
        String path = ctx.path();
        return path.startsWith("/auth2/account/") || path.startsWith("/login/") || path.endsWith("/connect/authorize");
    }

    /** The web console's pages answer errors as console pages. */
    static boolean isConsole(Context ctx) {
        String path = ctx.path();
        return path.equals("/console") || path.startsWith("/console/");
    }

    private static void pageOr(Context ctx, UserInteraction pages, int status, String detail) {
        String type = ctx.res().getContentType();
        if (type != null && (type.contains("json") || type.contains("html"))) return;
        if (isConsole(ctx)) Console.showError(ctx, status, detail);
        else if (isPage(ctx)) pages.showError(ctx, status, detail);
        else problem(ctx, status, detail, Map.of());
    }

    private static void oauth(OAuthError e, Context ctx) {
        if (e.basicChallenge()) ctx.header("WWW-Authenticate", BASIC_CHALLENGE);
        ctx.header("Cache-Control", "no-store");
        ctx.status(e.status()).json(oauthBody(e));
    }

    /** The challenge of a 401 invalid_client after HTTP Basic (RFC 6749 §5.2). */
    static final String BASIC_CHALLENGE = "Basic realm=\"gatehouse\", charset=\"UTF-8\"";

    /** The body of an RFC 6749 §5.2 error response. */
    static Map<String, Object> oauthBody(OAuthError e) {
        var body = new LinkedHashMap<String, Object>();
        body.put("error", e.error());
        if (e.description() != null) body.put("error_description", e.description());
        return body;
    }

    /** What a protocol endpoint answers for a failure it did not expect. */
    static final OAuthError SERVER_ERROR = new OAuthError("server_error", "The server could not handle the request.", 500, false);

    static void problem(Context ctx, int status, String detail, Map<String, List<String>> errors) {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", "about:blank");
        body.put("title", HttpStatus.forStatus(status).getMessage());
        body.put("status", status);
        if (detail != null) body.put("detail", detail);
        body.put("instance", ctx.path());
        if (!errors.isEmpty()) body.put("errors", errors);
        if (status == 401) ctx.header("WWW-Authenticate", "Bearer realm=\"gatehouse\"");
        ctx.status(status).json(body).contentType(PROBLEM_JSON);
    }

    private static void unexpected(Exception e, Context ctx) {
        log.error("unexpected failure handling {} {}", ctx.method(), Server.routeOf(ctx), e);
        if (ctx.path().startsWith("/auth2/")) {
            oauth(SERVER_ERROR, ctx);
        } else {
            problem(ctx, 500, "The server could not handle the request.", Map.of());
        }
    }
}
