package dev.gatehouse.oauth;

/** Telling our two kinds of token apart without parsing: access tokens are JWTs, refresh tokens are opaque. */
final class AccessTokens {
    private AccessTokens() {}

    /** Three base64url segments separated by dots; a refresh token never contains a dot. */
    static boolean looksLikeJwt(String token) {
        int first = token.indexOf('.');
        return first > 0 && token.indexOf('.', first + 1) > first + 1;
    }
}
