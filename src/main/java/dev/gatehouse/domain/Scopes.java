package dev.gatehouse.domain;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The scopes Gatehouse knows and the compatibility rule between publicapi.all and global.wildcard. */
public final class Scopes {
    public static final String OPENID = "openid";
    public static final String PROFILE = "profile";
    public static final String EMAIL = "email";
    public static final String OFFLINE_ACCESS = "offline_access";
    public static final String PERMISSIONS = "permissions";
    public static final String PUBLIC_API = "publicapi.all";
    public static final String GLOBAL_WILDCARD = "global.wildcard";

    public static final Set<String> KNOWN = Set.of(
            OPENID, PROFILE, EMAIL, OFFLINE_ACCESS, PERMISSIONS, PUBLIC_API, GLOBAL_WILDCARD);

    public static final List<String> CLIENT_DEFAULT = List.of(OPENID, PERMISSIONS, PUBLIC_API);

    private Scopes() {}

    /** Splits a space-delimited scope parameter (RFC 6749 §3.3), keeping order and dropping repeats. */
    public static Set<String> parse(String scope) {
        var result = new LinkedHashSet<String>();
        if (scope == null) return result;
        for (String token : scope.split(" ")) {
            if (!token.isEmpty()) result.add(token);
        }
        return result;
    }

    /** Whether a client allowed {@code allowed} may be granted {@code requested}. */
    public static boolean permits(Set<String> allowed, String requested) {
        if (allowed.contains(requested)) return true;
        return GLOBAL_WILDCARD.equals(requested) && allowed.contains(PUBLIC_API);
    }

    /** A scope token per RFC 6749 §3.3: printable ASCII without space, quote or backslash. */
    public static boolean isWellFormed(String scope) {
        if (scope.isEmpty()) return false;
        for (int i = 0; i < scope.length(); i++) {
            char c = scope.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '"' || c == '\\') return false;
        }
        return true;
    }
}
