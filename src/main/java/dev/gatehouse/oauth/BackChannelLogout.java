package dev.gatehouse.oauth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.gatehouse.crypto.RandomValues;
import dev.gatehouse.crypto.SigningKeys;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.Issuers;
import dev.gatehouse.store.AuthorizationCodeStore;
import dev.gatehouse.store.ClientCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * OpenID Connect Back-Channel Logout 1.0: when a session ends, every client that got a code in it
 * and registered a {@code backChannelLogoutUri} is sent a logout token (§2.4), from a virtual thread
 * so that a slow or failing receiver never holds up the person's logout. Redirects are not followed
 * (the token goes only to the registered address), and a failed delivery is retried once.
 */
public final class BackChannelLogout {
    static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";
    static final JOSEObjectType TYPE = new JOSEObjectType("logout+jwt");
    /** Long enough for a receiver to take the token in, short enough that a copy soon expires. */
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(2);
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(BackChannelLogout.class);

    private final AuthorizationCodeStore codes;
    private final ClientCache clients;
    private final SigningKeys keys;
    private final Issuers issuers;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public BackChannelLogout(AuthorizationCodeStore codes, ClientCache clients, SigningKeys keys, Issuers issuers,
                             Clock clock) {
        this.codes = codes;
        this.clients = clients;
        this.keys = keys;
        this.issuers = issuers;
        this.clock = clock;
    }

    /** Tells the session's back-channel clients that it ended; returns at once. */
    public void sessionEnded(String tenantId, String userId, String sid) {
        for (String clientId : codes.clientsOfSession(sid)) {
            clients.find(clientId).map(ClientCache.ClientWithSecrets::client)
                    .filter(c -> c.backChannelLogoutUri() != null)
                    .ifPresent(c -> Thread.ofVirtual().name("backchannel-logout")
                            .start(() -> tell(c, tenantId, userId, sid)));
        }
    }

    /** §2.4: iss, aud, iat, exp, jti, events, sub, and sid when the client asked for it; never a nonce. */
    private String logoutToken(Client client, String tenantId, String userId, String sid) {
        var active = keys.active(tenantId)
                .orElseThrow(() -> new IllegalStateException("issuer has no active signing key"));
        Instant now = clock.instant();
        var claims = new JWTClaimsSet.Builder()
                .issuer(issuers.forTenant(tenantId))
                .audience(client.clientId())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
                .jwtID(RandomValues.secret())
                .subject(userId)
                .claim("events", Map.of(EVENT, Map.of()));
        if (client.backChannelLogoutSessionRequired()) claims.claim("sid", sid);
        return active.sign(TYPE, claims.build());
    }

    private void tell(Client client, String tenantId, String userId, String sid) {
        try {
            deliver(client, logoutToken(client, tenantId, userId, sid));
        } catch (RuntimeException e) {
            // The person is logged out already; a client that cannot be told must not change that.
            log.warn("back-channel logout to client {} failed: {}", client.clientId(), e.getClass().getSimpleName());
        }
    }

    /** POSTs the token, retrying once after a failure (§2.8); logs the client and status, never the token. */
    private void deliver(Client client, String token) {
        var request = HttpRequest.newBuilder(URI.create(client.backChannelLogoutUri()))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "logout_token=" + URLEncoder.encode(token, StandardCharsets.US_ASCII)))
                .build();
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    log.info("back-channel logout to client {} answered {}", client.clientId(), status);
                    return;
                }
                log.warn("back-channel logout to client {} answered {}", client.clientId(), status);
                // A 4xx is the receiver refusing this token (§2.8): sending it again would not help.
                if (status < 500) return;
            } catch (IOException e) {
                log.warn("back-channel logout to client {} failed: {}", client.clientId(), e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
