package dev.gatehouse.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules of the admin API's client field table, and the warnings for risky redirect prefixes. */
public final class ClientRules {
    public static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._~-]{3,100}");
    public static final int GENERATED_CLIENT_ID_LENGTH = 30;
    private static final int MAX_LIST_SIZE = 100;

    private ClientRules() {}

    /**
     * Collects every broken rule of {@code c}. {@code knownRoles} are the roles the client may hold:
     * its tenant's roles, or for an installation client only the installation administrator role.
     */
    public static ValidationErrors validate(Client c, Set<String> knownRoles) {
        var errors = new ValidationErrors();
        if (c.clientId() == null || !CLIENT_ID.matcher(c.clientId()).matches()) {
            errors.add("clientId", "must be 3 to 100 characters of A-Z, a-z, 0-9, '.', '_', '~' or '-'");
        }
        int nameLength = c.clientName() == null ? 0 : c.clientName().codePointCount(0, c.clientName().length());
        if (nameLength < 1 || nameLength > 200 || c.clientName().isBlank()) {
            errors.add("clientName", "must be 1 to 200 characters and not blank");
        }
        if (c.backChannelLogoutUri() != null) {
            UriRules.httpsUriProblem(c.backChannelLogoutUri()).ifPresent(p -> errors.add("backChannelLogoutUri", p));
        }
        eachOf(errors, "redirectUris", c.redirectUris(), v -> RedirectUriPolicy.invalidReason(v).orElse(null));
        eachOf(errors, "postLogoutRedirectUris", c.postLogoutRedirectUris(),
                v -> UriRules.absoluteUriProblem(v).orElse(null));
        eachOf(errors, "allowedCorsOrigins", c.allowedCorsOrigins(), v -> UriRules.originProblem(v).orElse(null));
        eachOf(errors, "allowedScopes", c.allowedScopes(),
                v -> Scopes.KNOWN.contains(v) ? null : "'" + v + "' is not a known scope");
        eachOf(errors, "roles", c.roles(), v -> knownRoles.contains(v) ? null : "'" + v + "' is not a role here");
        if (c.accessTokenLifetime() < Client.MIN_ACCESS_TOKEN_LIFETIME || c.accessTokenLifetime() > Client.MAX_LIFETIME) {
            errors.add("accessTokenLifetime", "must be between " + Client.MIN_ACCESS_TOKEN_LIFETIME + " and "
                    + Client.MAX_LIFETIME + " seconds");
        }
        if (c.refreshTokenLifetime() > Client.MAX_LIFETIME) {
            errors.add("refreshTokenLifetime", "must be at most " + Client.MAX_LIFETIME + " seconds");
        } else if (c.refreshTokenLifetime() < c.accessTokenLifetime()) {
            errors.add("refreshTokenLifetime", "must be at least accessTokenLifetime");
        }
        return errors;
    }

    /** Warnings the admin API returns beside a valid client: risky redirect prefixes. */
    public static List<String> warnings(Client c, boolean exactRedirectUris) {
        var warnings = new ArrayList<String>();
        for (String uri : c.redirectUris()) RedirectUriPolicy.riskWarning(uri, exactRedirectUris).ifPresent(warnings::add);
        return warnings;
    }

    private interface Check {
        String problem(String value);
    }

    private static void eachOf(ValidationErrors errors, String field, List<String> values, Check check) {
        if (values.size() > MAX_LIST_SIZE) {
            errors.add(field, "must have at most " + MAX_LIST_SIZE + " entries");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            String problem = check.problem(value);
            if (problem != null) errors.add(field + "[" + i + "]", problem);
            else if (!seen.add(value)) errors.add(field + "[" + i + "]", "'" + value + "' appears twice");
        }
    }
}
