package dev.gatehouse.domain;

import java.util.Optional;

/** The OAuth 2.0 grants Gatehouse implements, by their wire names. */
public enum GrantType {
    AUTHORIZATION_CODE("authorization_code"),
    REFRESH_TOKEN("refresh_token"),
    PASSWORD("password"),
    CLIENT_CREDENTIALS("client_credentials");

    private final String wireName;

    GrantType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<GrantType> fromWireName(String name) {
        for (var grant : values()) {
            if (grant.wireName.equals(name)) return Optional.of(grant);
        }
        return Optional.empty();
    }
}
