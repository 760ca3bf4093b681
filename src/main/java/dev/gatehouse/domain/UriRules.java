package dev.gatehouse.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** Shape checks for the URI-valued client fields. */
public final class UriRules {
    private UriRules() {}

    public static boolean isLoopback(String host) {
        if (host == null) return false;
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("127.0.0.1") || h.equals("[::1]") || h.equals("::1");
    }

    /** An absolute URI without a fragment. */
    public static Optional<String> absoluteUriProblem(String value) {
        if (value.isBlank()) return Optional.of("must not be blank");
        if (value.length() > 2000) return Optional.of("must be at most 2000 characters");
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute()) return Optional.of("must be an absolute URI");
            if (uri.getRawFragment() != null) return Optional.of("must not contain a fragment");
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of("must be an absolute URI");
        }
    }

    /** An absolute https URI (http only for a loopback host), as back-channel logout requires. */
    public static Optional<String> httpsUriProblem(String value) {
        var problem = absoluteUriProblem(value);
        if (problem.isPresent()) return problem;
        URI uri = URI.create(value);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null) return Optional.of("must name a host");
        if (scheme.equals("https")) return Optional.empty();
        if (scheme.equals("http") && isLoopback(uri.getHost())) return Optional.empty();
        return Optional.of("must use https (http only for localhost)");
    }

    /** An origin as browsers send it: scheme, host and optional port, nothing else. */
    public static Optional<String> originProblem(String value) {
        if (value.isBlank()) return Optional.of("must not be blank");
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (scheme == null || uri.getHost() == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return Optional.of("must be an origin such as https://app.example.com");
            }
            if (!uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || uri.getRawUserInfo() != null) {
                return Optional.of("must be an origin with no path, query or fragment");
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of("must be an origin such as https://app.example.com");
        }
    }
}
