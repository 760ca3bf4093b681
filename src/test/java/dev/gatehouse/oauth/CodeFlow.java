package dev.gatehouse.oauth;

import dev.gatehouse.testing.Browser;
import dev.gatehouse.testing.TestServer;
import dev.gatehouse.testing.TestServer.Response;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The authorization-code flow as a client and a person in a browser go through it, for the protocol tests. */
final class CodeFlow {
    static final String AUTHORIZE = "/auth2/connect/authorize";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A PKCE pair (RFC 7636 §4.1–4.2). */
    record Pkce(String verifier, String challenge) {
        static Pkce create() {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            return new Pkce(verifier, s256(verifier));
        }
    }

    static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An authorization URL (path and query) from name/value pairs; null values are left out. */
    static String url(String path, String... pairs) {
        var m = new LinkedHashMap<String, String>();
        for (int i = 0; i < pairs.length; i += 2) if (pairs[i + 1] != null) m.put(pairs[i], pairs[i + 1]);
        return path + "?" + m.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** The usual request: code, PKCE S256, state and nonce, plus any extra pairs (which win). */
    static String request(String path, String clientId, String redirectUri, Pkce pkce, String... extra) {
        var m = new LinkedHashMap<String, String>();
        m.put("client_id", clientId);
        m.put("redirect_uri", redirectUri);
        m.put("response_type", "code");
        m.put("scope", "openid permissions");
        m.put("state", "state-123");
        m.put("nonce", "nonce-456");
        m.put("code_challenge", pkce.challenge());
        m.put("code_challenge_method", "S256");
        for (int i = 0; i < extra.length; i += 2) m.put(extra[i], extra[i + 1]);
        String[] flat = m.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
                .toArray(String[]::new);
        return url(path, flat);
    }

    /** Signs in on the email and password pages the browser is on; returns the page or answer after the password. */
    static Response signIn(Browser browser, Response emailPage, String email, String password) {
        assertThat(emailPage.status()).as("email page %s", emailPage).isEqualTo(200);
        assertThat(emailPage.body()).contains("<label for=\"email\">Email</label>");
        Response passwordPage = browser.submitForm(emailPage, "/auth2/account/login", "email", email);
        assertThat(passwordPage.status()).as("password page %s", passwordPage).isEqualTo(200);
        assertThat(passwordPage.body()).contains("<label for=\"password\">Password</label>");
        return browser.submitForm(passwordPage, "/auth2/account/password", "password", password);
    }

    /** Runs the whole front channel and returns the parameters the client receives at its redirect URI. */
    static Map<String, String> authorize(Browser browser, String requestUrl, String email, String password) {
        Response first = browser.open(requestUrl);
        if (browser.leftFor() == null) signIn(browser, first, email, password);
        assertThat(browser.leftFor()).as("the answer to the client").isNotNull();
        return Browser.query(browser.leftFor());
    }

    static Response redeem(Protocol p, String path, Protocol.Creds client, String code, String redirectUri, String verifier) {
        var form = new java.util.ArrayList<Object>(java.util.List.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", redirectUri));
        if (verifier != null) {
            form.add("code_verifier");
            form.add(verifier);
        }
        return p.tokenPost(path, client, form.toArray());
    }

    private CodeFlow() {}

    static TestServer.Response page(Browser b, String url) {
        return b.open(url);
    }
}
