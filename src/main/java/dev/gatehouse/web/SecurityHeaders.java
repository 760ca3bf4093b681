package dev.gatehouse.web;

import io.javalin.http.Context;

/**
 * Headers on every response. API and protocol responses are never framed, sniffed, cached or used
 * as a page; HSTS is sent when Gatehouse is served over https.
 */
final class SecurityHeaders {
    private final boolean https;

    SecurityHeaders(String baseUrl) {
        this.https = baseUrl.startsWith("https://");
    }

    void apply(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        ctx.header("Cross-Origin-Resource-Policy", "same-origin");
        if (https) ctx.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        String path = ctx.path();
        if (path.startsWith("/api/") || path.contains("/connect/") || path.startsWith("/auth2/account/")
                || path.startsWith("/login/")) {
            ctx.header("Cache-Control", "no-store");
            ctx.header("Pragma", "no-cache");
        }
    }
}
