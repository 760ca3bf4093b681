package dev.gatehouse.web;

import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.gatehouse.testing.TestServer.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token endpoint served in front of the servlet ({@link TokenRoute}): client_credentials answered
 * from memory once the client is cached and from the database before, both tenant addresses, the
 * form read however it arrives, RFC 6749 errors with the usual headers, and every other request still
 * reaching its route.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenRouteTest {
    private static final String TOKEN = "/auth2/connect/token";
    private static final String FORM = "application/x-www-form-urlencoded";
    TestServer server;
    String adminToken;
    String clientId;
    String secret;

    @BeforeAll
    void start() {
        server = TestServer.start(TestServer.Db.H2);
        adminToken = server.adminToken();
        var created = createClient("route-cc");
        clientId = created[0];
        secret = created[1];
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String[] createClient(String id) {
        var r = server.postJson("/api/adminapi2/v1/tenants/default/clients", adminToken, body("clientId", id,
                "allowedGrantTypes", List.of("client_credentials")));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return new String[] {id, r.json().get("secret").get("value").asText()};
    }

    private TestServer.Response token(String path, String id, String password, String body) {
        return server.send("POST", path, Map.of("Content-Type", FORM, "Authorization", basic(id, password)), body);
    }

    private static String basic(String id, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private double memoryMisses() {
        return server.app().metrics().find("gatehouse.token.memory.misses").counter().count();
    }

    @Test
    void aClientIsServedBeforeAndAfterItIsCachedAndRefusedAtOnceWhenDisabled() {
        String[] fresh = createClient("route-fresh");
        // Just created: not cached, so the first answer needs the database and the next come from memory.
        double misses = memoryMisses();
        for (int i = 0; i < 3; i++) {
            var r = token(TOKEN, fresh[0], fresh[1], "grant_type=client_credentials");
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().get("access_token").asText()).isNotBlank();
            assertThat(memoryMisses()).isEqualTo(misses + 1);
        }
        var disabled = server.patchJson("/api/adminapi2/v1/tenants/default/clients/" + fresh[0], adminToken,
                body("enabled", false));
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
        var refused = token(TOKEN, fresh[0], fresh[1], "grant_type=client_credentials");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("error").asText()).isEqualTo("invalid_client");
        assertThat(refused.header("WWW-Authenticate")).startsWith("Basic realm=\"gatehouse\"");
    }

    @Test
    void manyFirstRequestsAtOnceForAClientNotYetCachedAreAllAnswered() throws Exception {
        String[] fresh = createClient("route-burst");
        double misses = memoryMisses();
        try (var threads = Executors.newFixedThreadPool(16)) {
            var answers = new ArrayList<Future<TestServer.Response>>();
            for (int i = 0; i < 32; i++) {
                answers.add(threads.submit(() -> token(TOKEN, fresh[0], fresh[1], "grant_type=client_credentials")));
            }
            for (var answer : answers) {
                var r = answer.get(30, TimeUnit.SECONDS);
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
            }
        }
        assertThat(memoryMisses() - misses).isBetween(1.0, 32.0);
        assertThat(token(TOKEN, fresh[0], fresh[1], "grant_type=client_credentials").status()).isEqualTo(200);
        double settled = memoryMisses();
        assertThat(token(TOKEN, fresh[0], fresh[1], "grant_type=client_credentials").status()).isEqualTo(200);
        assertThat(memoryMisses()).isEqualTo(settled);
    }

    @Test
    void theTenantsAddressAndATrailingSlashReachTheSameEndpoint() {
        String tenant = server.defaultTenantId();
        assertThat(token("/auth2/" + tenant + "/connect/token", clientId, secret, "grant_type=client_credentials")
                .status()).isEqualTo(200);
        assertThat(token(TOKEN + "/", clientId, secret, "grant_type=client_credentials").status()).isEqualTo(200);
        var unknown = token("/auth2/no-such-tenant/connect/token", clientId, secret, "grant_type=client_credentials");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).isEqualTo("invalid_request");

        String metrics = server.get("/metrics", null).body();
        assertThat(metrics).contains("gatehouse_http_requests_seconds_count{method=\"POST\",route=\"/auth2/{tenant}/connect/token\",status=\"200\"}");
        assertThat(metrics).contains("gatehouse_http_requests_seconds_count{method=\"POST\",route=\"/auth2/{tenant}/connect/token\",status=\"404\"}");
        assertThat(metrics).contains("gatehouse_http_requests_seconds_count{method=\"POST\",route=\"/auth2/connect/token\",status=\"200\"}");
    }

    @Test
    void aFormThatArrivesInPiecesIsReadWhole() throws Exception {
        URI base = URI.create(server.address());
        byte[] form = "grant_type=client_credentials&scope=openid".getBytes(StandardCharsets.US_ASCII);
        try (var socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + TOKEN + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: " + FORM
                    + "\r\nAuthorization: " + basic(clientId, secret) + "\r\nContent-Length: " + form.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(200);
            out.write(form, 0, 10);
            out.flush();
            Thread.sleep(200);
            out.write(form, 10, form.length - 10);
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 200 ");
            assertThat(answer).contains("\"access_token\":\"ey").contains("\"scope\":\"openid\"");
        }
    }

    @Test
    void oneConnectionCarriesRequestAfterRequest() throws Exception {
        URI base = URI.create(server.address());
        byte[] form = "grant_type=client_credentials".getBytes(StandardCharsets.US_ASCII);
        String head = "POST " + TOKEN + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: " + FORM
                + "\r\nAuthorization: " + basic(clientId, secret) + "\r\nContent-Length: " + form.length + "\r\n";
        try (var socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            var in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < 5; i++) {
                out.write((head + (i == 4 ? "Connection: close\r\n" : "") + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(form);
                out.flush();
                String status = readLine(in);
                assertThat(status).as("answer %d", i).isEqualTo("HTTP/1.1 200 OK");
                int length = 0;
                for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                assertThat(new String(in.readNBytes(length), StandardCharsets.UTF_8)).contains("\"access_token\"");
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        var line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) throw new EOFException("connection closed after: " + line);
            if (c != '\r') line.append((char) c);
        }
        return line.toString();
    }

    @Test
    void refusalsAreOAuthErrorsWithTheUsualHeaders() {
        var nul = token(TOKEN + "?x=%00", clientId, secret, "grant_type=client_credentials");
        assertThat(nul.status()).isEqualTo(400);
        assertThat(nul.json().get("error_description").asText()).isEqualTo("the address contains U+0000");
        var manyFields = token(TOKEN, clientId, secret, "grant_type=client_credentials"
                + IntStream.range(0, 70).mapToObj(i -> "&f" + i + "=1").collect(Collectors.joining()));
        assertThat(manyFields.status()).isEqualTo(413);
        assertThat(manyFields.json().get("error_description").asText()).isEqualTo("the request body is too large");
        var broken = token(TOKEN, clientId, secret, "grant_type=client_credentials&scope=%zz");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("error_description").asText()).isEqualTo("the body is not a valid form");
        var charset = server.send("POST", TOKEN, Map.of("Content-Type", FORM + "; charset=no-such-charset",
                "Authorization", basic(clientId, secret)), "grant_type=client_credentials");
        assertThat(charset.status()).isEqualTo(400);
        assertThat(charset.json().get("error_description").asText()).isEqualTo("the body's charset is not supported");
        var latin1 = server.send("POST", TOKEN, Map.of("Content-Type", FORM + "; charset=ISO-8859-1",
                "Authorization", basic(clientId, secret)), "grant_type=client_credentials");
        assertThat(latin1.status()).isEqualTo(200);
        var json = server.send("POST", TOKEN, Map.of("Content-Type", "application/json",
                "Authorization", basic(clientId, secret)), "{\"grant_type\":\"client_credentials\"}");
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.json().get("error").asText()).isEqualTo("invalid_request");
        for (var r : List.of(nul, manyFields, broken, charset, json, token(TOKEN, clientId, secret, "grant_type=client_credentials"))) {
            assertThat(r.header("Content-Type")).as(r.toString()).isEqualTo("application/json");
            assertThat(r.header("Cache-Control")).isEqualTo("no-store");
            assertThat(r.header("Pragma")).isEqualTo("no-cache");
            assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(r.header("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
            assertThat(r.header("Vary")).isEqualTo("Origin");
        }
    }

    @Test
    void everyOtherRequestStillReachesItsRoute() {
        var get = server.get(TOKEN, null);
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.header("Allow")).isEqualTo("POST, OPTIONS");
        assertThat(get.json().get("error").asText()).isEqualTo("invalid_request");
        assertThat(get.header("Cache-Control")).isEqualTo("no-store");
        var preflight = server.send("OPTIONS", TOKEN, Map.of("Origin", "https://app.example.com",
                "Access-Control-Request-Method", "POST"), null);
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(server.get("/health/live", null).json().get("status").asText()).isEqualTo("UP");
        var introspect = server.send("POST", "/auth2/connect/introspect", Map.of("Content-Type", FORM,
                "Authorization", basic(clientId, secret)), "token=not-a-token");
        assertThat(introspect.status()).as(introspect.toString()).isEqualTo(200);
        assertThat(introspect.json().get("active").asBoolean()).isFalse();
        var admin = server.get("/api/adminapi2/v1/tenants/default/clients/" + clientId, adminToken);
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.json().get("clientId").asText()).isEqualTo(clientId);
    }
}
