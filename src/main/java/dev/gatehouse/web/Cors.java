package dev.gatehouse.web;

import dev.gatehouse.store.CorsOrigins;
import dev.gatehouse.store.StoreException;
import io.javalin.http.Context;

import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * CORS for the endpoints a browser application calls itself: token, userinfo, revocation,
 * discovery and JWKS. An origin is allowed when a client lists it in allowedCorsOrigins. No
 * cookies are involved, so credentials are never allowed.
 */
final class Cors {
    private static final Pattern BROWSER_ENDPOINTS = Pattern.compile(
            "/auth2(/[^/]+)?/(connect/(token|userinfo|revocation)|\\.well-known/openid-configuration(/jwks)?)/?");

    private final CorsOrigins origins;

    Cors(CorsOrigins origins) {
        this.origins = origins;
    }

    static boolean isBrowserEndpoint(String path) {
        return BROWSER_ENDPOINTS.matcher(path).matches();
    }

    /**
     * Sets the CORS headers of a response to {@code path} through {@code header} (name, value): when
     * the request comes from an allowed {@code origin} (may be null) to a browser endpoint.
     */
    void apply(String path, String origin, BiConsumer<String, String> header) {
        if (!isBrowserEndpoint(path)) return;
        header.accept("Vary", "Origin");
        if (!allowed(origin)) return;
        header.accept("Access-Control-Allow-Origin", origin);
        header.accept("Access-Control-Expose-Headers", "WWW-Authenticate");
    }

    /** Closed when the origins cannot be read: the answer still goes out, without CORS headers. */
    private boolean allowed(String origin) {
        try {
            return origins.allows(origin);
        } catch (StoreException e) {
            return false;
        }
    }

    /** Answers a preflight: the methods and headers these endpoints take, cached by the browser ten minutes. */
    void preflight(Context ctx) {
        if (ctx.res().getHeader("Access-Control-Allow-Origin") != null) {
            ctx.header("Access-Control-Allow-Methods", "GET, POST");
            ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type");
            ctx.header("Access-Control-Max-Age", "600");
        }
        ctx.status(204);
    }
}
