package dev.gatehouse.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Redirect URI rules. The compatible API matches by prefix: a registered value admits every
 * requested URI that starts with it. A prefix that does not end at a path boundary after the
 * host (for example {@code https://app.example.com} or {@code https://myDomain.}) also admits other
 * hosts, so it is flagged as risky; tenants can require exact matching instead.
 */
public final class RedirectUriPolicy {
    /** Schemes whose "address" is content or code run in the page that follows it. */
    private static final Set<String> SCRIPT_SCHEMES = Set.of("javascript", "data", "vbscript", "blob");

    private RedirectUriPolicy() {}

    public static boolean matches(List<String> registered, String requested, boolean exactOnly) {
        for (String candidate : registered) {
            if (exactOnly ? candidate.equals(requested) : requested.startsWith(candidate)) return true;
        }
        return false;
    }

    /**
     * Why a redirect_uri sent in an authorization request cannot be used, whatever is registered:
     * not absolute, a fragment (RFC 6749 §3.1.2), user information or a backslash in the authority
     * (which browsers read differently from us), dot segments (which leave a registered path prefix),
     * or characters a URI may not hold.
     */
    public static Optional<String> requestedUriProblem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c == 0x7f || c == '\\') return Optional.of("redirect_uri contains a character it may not hold");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return Optional.of("redirect_uri is not a valid URI");
        }
        if (uri.getScheme() == null || uri.isOpaque() && !value.contains(":/")) {
            return Optional.of("redirect_uri must be an absolute URI");
        }
        if (uri.getRawFragment() != null || value.contains("#")) return Optional.of("redirect_uri must not contain a fragment");
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            return Optional.of("redirect_uri must not contain user information");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().toLowerCase(Locale.ROOT).replace("%2e", ".");
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) return Optional.of("redirect_uri must not contain dot segments");
        }
        return Optional.empty();
    }

    /** Why a registered value is a problem, or empty when it is acceptable. */
    public static Optional<String> invalidReason(String value) {
        if (value.isBlank()) return Optional.of("must not be blank");
        if (value.length() > 400) return Optional.of("must be at most 400 characters");
        if (value.contains("#")) return Optional.of("must not contain a fragment");
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return Optional.of("must be an absolute URI");
        }
        if (uri.getScheme() == null) return Optional.of("must be an absolute URI");
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (SCRIPT_SCHEMES.contains(scheme)) return Optional.of("must not use the " + scheme + " scheme");
        if ((scheme.equals("http") || scheme.equals("https")) && (uri.getRawAuthority() == null)) {
            return Optional.of("must name a host");
        }
        return Optional.empty();
    }

    /** A warning for a registered prefix that also admits URIs on other hosts, or plain HTTP. */
    public static Optional<String> riskWarning(String value) {
        return riskWarning(value, false);
    }

    /** As {@link #riskWarning(String)}; with exact matching a prefix admits nothing more, plain HTTP stays a risk. */
    public static Optional<String> riskWarning(String value, boolean exactOnly) {
        URI uri = URI.create(value);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) return Optional.empty();
        String afterScheme = value.substring(scheme.length() + 3);
        if (!exactOnly && !afterScheme.contains("/")) {
            return Optional.of("'" + value + "' does not end at a path boundary after the host, so as a prefix"
                    + " it also admits other hosts; end it with '/' or turn on exactRedirectUris");
        }
        if (scheme.equals("http") && !UriRules.isLoopback(uri.getHost())) {
            return Optional.of("'" + value + "' uses plain http on a non-loopback host");
        }
        return Optional.empty();
    }
}
