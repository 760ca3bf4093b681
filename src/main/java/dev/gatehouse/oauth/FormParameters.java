package dev.gatehouse.oauth;

import io.javalin.http.Context;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of a protocol request. RFC 6749 §3.1/§3.2: a parameter sent more than once is
 * invalid_request, and an empty value counts as absent.
 */
public record FormParameters(Map<String, List<String>> values) {
    /** Longest value accepted for any parameter; longer ones are refused before any work is done. */
    public static final int MAX_VALUE_LENGTH = 4096;

    public FormParameters {
        for (var entry : values.entrySet()) {
            if (entry.getValue().size() > 1) {
                throw OAuthError.invalidRequest("parameter '" + safeName(entry.getKey()) + "' is repeated");
            }
            for (String v : entry.getValue()) {
                if (v.length() > MAX_VALUE_LENGTH) {
                    throw OAuthError.invalidRequest("parameter '" + safeName(entry.getKey()) + "' is too long");
                }
                if (v.indexOf('\0') >= 0) {
                    throw OAuthError.invalidRequest("parameter '" + safeName(entry.getKey()) + "' contains U+0000");
                }
            }
        }
    }

    /** The form of a protocol POST, which must be application/x-www-form-urlencoded (RFC 6749 §3.2). */
    public static FormParameters of(Context ctx) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw OAuthError.invalidRequest("the body must be application/x-www-form-urlencoded");
        }
        return new FormParameters(ctx.formParamMap());
    }

    public Optional<String> get(String name) {
        List<String> list = values.get(name);
        if (list == null || list.isEmpty() || list.get(0).isEmpty()) return Optional.empty();
        return Optional.of(list.get(0));
    }

    public String require(String name) {
        return get(name).orElseThrow(() -> OAuthError.invalidRequest("parameter '" + name + "' is required"));
    }

    /** A value with a length limit in the style of IdentityServer's input limits. */
    public Optional<String> get(String name, int maxLength) {
        var value = get(name);
        if (value.isPresent() && value.get().length() > maxLength) {
            throw OAuthError.invalidRequest("parameter '" + name + "' is longer than " + maxLength + " characters");
        }
        return value;
    }

    private static String safeName(String name) {
        String cut = name.length() > 40 ? name.substring(0, 40) : name;
        return cut.replaceAll("[^A-Za-z0-9_.-]", "?");
    }
}
