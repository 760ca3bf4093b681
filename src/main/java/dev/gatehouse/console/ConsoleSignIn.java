package dev.gatehouse.console;

import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.crypto.JwtVerifier;
import dev.gatehouse.crypto.RandomValues;
import dev.gatehouse.oauth.FormParameters;
import dev.gatehouse.oauth.OAuthError;
import dev.gatehouse.oauth.TokenEndpoint;
import dev.gatehouse.oauth.TokenResponse;
import dev.gatehouse.store.RevokedAccessTokens;
import io.javalin.http.Context;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signs administrators in to the console with Gatehouse's own authorization-code flow and PKCE,
 * as any relying party would: a state, a nonce and a code verifier kept in a short-lived cookie,
 * the person signs in on the sign-in pages (choosing the tenant there), and the code is exchanged
 * at the token endpoint (in process: the console runs beside it). Signing out revokes the console's
 * access token and ends the Gatehouse session through RP-initiated logout.
 */
public final class ConsoleSignIn {
    private final ConsoleSessions sessions;
    private final ConsoleClient client;
    private final TokenEndpoint tokens;
    private final JwtVerifier verifier;
    private final RevokedAccessTokens revoked;

    public ConsoleSignIn(ConsoleSessions sessions, ConsoleClient client, TokenEndpoint tokens, JwtVerifier verifier,
                         RevokedAccessTokens revoked) {
        this.sessions = sessions;
        this.client = client;
        this.tokens = tokens;
        this.verifier = verifier;
        this.revoked = revoked;
    }

    /** GET /console/login?to=…: starts a sign-in that comes back to {@code to} (a console address). */
    void login(Context ctx) {
        start(ctx, ctx.queryParam("to"));
    }

    void start(Context ctx, String returnTo) {
        String state = RandomValues.secret();
        String nonce = RandomValues.secret();
        String codeVerifier = RandomValues.secret();
        String target = safeReturn(returnTo);
        sessions.rememberLogin(ctx, String.join(".", state, nonce, codeVerifier,
                Base64.getUrlEncoder().withoutPadding().encodeToString(target.getBytes(StandardCharsets.UTF_8))));
        ctx.redirect("/auth2/connect/authorize?response_type=code&scope=openid%20profile%20email"
                + "&client_id=" + ConsoleClient.CLIENT_ID + "&redirect_uri=" + encode(client.callback())
                + "&state=" + state + "&nonce=" + nonce + "&code_challenge=" + challenge(codeVerifier)
                + "&code_challenge_method=S256", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /** GET /console/callback: the authorization response. */
    void callback(Context ctx) {
        Optional<String[]> pending = sessions.pendingLogin(ctx).map(v -> v.split("\\.", -1)).filter(p -> p.length == 4);
        sessions.forgetLogin(ctx);
        if (pending.isEmpty()) {
            ConsoleView.message(ctx, 400, "Sign-in expired",
                    "This sign-in was started too long ago or in another browser. Open the console again to sign in.",
                    null);
            return;
        }
        String[] p = pending.get();
        String state = ctx.queryParam("state");
        if (state == null || !MessageDigest.isEqual(p[0].getBytes(StandardCharsets.US_ASCII),
                state.getBytes(StandardCharsets.UTF_8))) {
            ConsoleView.message(ctx, 400, "Sign-in failed",
                    "The answer from the sign-in pages does not belong to this browser's sign-in. Open the console again to sign in.",
                    null);
            return;
        }
        String error = ctx.queryParam("error");
        String code = ctx.queryParam("code");
        if (error != null || code == null) {
            ConsoleView.message(ctx, 400, "Sign-in did not complete",
                    "The sign-in ended with '" + (error == null ? "no code" : error) + "'. Open the console again to sign in.",
                    null);
            return;
        }
        TokenResponse response;
        try {
            response = tokens.handle(new FormParameters(Map.of(
                    "grant_type", List.of("authorization_code"),
                    "code", List.of(code),
                    "redirect_uri", List.of(client.callback()),
                    "code_verifier", List.of(p[2]),
                    "client_id", List.of(ConsoleClient.CLIENT_ID))), null, Optional.empty(), ctx.ip());
        } catch (OAuthError e) {
            ConsoleView.message(ctx, 400, "Sign-in failed",
                    "The sign-in could not be completed (" + e.error() + "). Open the console again to sign in.", null);
            return;
        }
        if (response.idToken() == null || !p[1].equals(nonceOf(response.idToken()))) {
            ConsoleView.message(ctx, 400, "Sign-in failed", "The ID token does not answer this sign-in.", null);
            return;
        }
        sessions.start(ctx, response.accessToken(), response.idToken());
        ctx.redirect(safeReturn(new String(Base64.getUrlDecoder().decode(p[3]), StandardCharsets.UTF_8)),
                io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /** POST /console/logout: revoke the console's token, forget it, and end the Gatehouse session. */
    void logout(Context ctx) {
        sessions.accessToken(ctx).flatMap(verifier::verifyAccessToken).ifPresent(v -> {
            var claims = v.claims();
            if (claims.getJWTID() != null && claims.getExpirationTime() != null) {
                revoked.revoke(claims.getJWTID(), claims.getExpirationTime().toInstant());
            }
        });
        Optional<String> idToken = sessions.idToken(ctx);
        sessions.end(ctx);
        if (idToken.isEmpty()) {
            ctx.redirect(client.signedOut(), io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        ctx.redirect("/auth2/connect/endsession?id_token_hint=" + encode(idToken.get())
                + "&post_logout_redirect_uri=" + encode(client.signedOut()), io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /** GET /console/signed-out: where RP-initiated logout returns. */
    void signedOut(Context ctx) {
        ConsoleView.message(ctx, 200, "Signed out", "You are signed out of the Gatehouse console.", null);
    }

    /** Only an address inside the console, never another site (an open redirect). */
    static String safeReturn(String to) {
        if (to == null || !to.startsWith(ConsoleSessions.PATH + "/") || to.startsWith(ConsoleSessions.PATH + "//")
                || to.contains("\\") || to.length() > 500 || to.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            return ConsoleSessions.PATH + "/clients";
        }
        return to;
    }

    private static String nonceOf(String idToken) {
        try {
            return SignedJWT.parse(idToken).getJWTClaimsSet().getStringClaim("nonce");
        } catch (ParseException e) {
            return null;
        }
    }

    private static String challenge(String codeVerifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(codeVerifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
