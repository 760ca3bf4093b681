package dev.gatehouse.web;

import java.util.function.BiConsumer;

/**
 * Headers on every response. API and protocol responses are never framed, sniffed, cached or used
 * as a page; HSTS is sent when Gatehouse is served over https.
 */
final class SecurityHeaders {
    private final boolean https;

    SecurityHeaders(String baseUrl) {
        this.https = baseUrl.startsWith("https://");
    }

    /** Sets the headers of a response to {@code path} through {@code header} (name, value). */
    void apply(String path, BiConsumer<String, String> header) {
        header.accept("X-Content-Type-Options", "nosniff");
        header.accept("X-Frame-Options", "DENY");
        header.accept("Referrer-Policy", "no-referrer");
        header.accept("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        header.accept("Cross-Origin-Resource-Policy", "same-origin");
        if (https) header.accept("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        if (path.startsWith("/api/") || path.contains("/connect/") || path.startsWith("/auth2/account/")
                || path.startsWith("/login/")) {
            header.accept("Cache-Control", "no-store");
            header.accept("Pragma", "no-cache");
        }
    }
}
