package dev.gatehouse.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.Application;
import dev.gatehouse.Gatehouse;
import dev.gatehouse.config.Settings;
import io.javalin.Javalin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Gatehouse server on a free loopback port over H2 or PostgreSQL, started once per test class,
 * with known bootstrap credentials, and a small HTTP client for talking to it.
 */
public final class TestServer implements AutoCloseable {
    public static final String ADMIN_EMAIL = "admin@example.com";
    public static final String ADMIN_PASSWORD = "correct horse battery staple";
    public static final String ADMIN_CLIENT_ID = "gatehouse-admin";
    public static final String ADMIN_CLIENT_SECRET = "bootstrap-secret-0123456789abcdef";
    public static final ObjectMapper JSON = new ObjectMapper();

    public enum Db { H2, POSTGRES }

    private final Application app;
    private final Javalin server;
    private final Path dataDir;
    /** The external base URL (issuers derive from it), shared by every node of an installation. */
    private final String baseUrl;
    /** Where this node listens. */
    private final String address;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String bootstrapOutput;

    private final Map<String, String> env;
    /** The server's clock, or null for the real one. */
    private final Clock clock;

    private TestServer(Map<String, String> env, Path dataDir, Clock clock) {
        this.env = Map.copyOf(env);
        this.dataDir = dataDir;
        this.clock = clock;
        this.app = clock == null ? new Application(Settings.from(env)) : new Application(Settings.from(env), clock);
        var out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        // Gatehouse.start prints the bootstrap banner to System.out; keep a copy for the tests.
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            this.server = Gatehouse.start(app);
        } finally {
            System.setOut(saved);
        }
        this.bootstrapOutput = out.toString(StandardCharsets.UTF_8);
        this.baseUrl = app.settings().baseUrl();
        this.address = "http://localhost:" + app.settings().port();
    }

    public static TestServer start(Db db) {
        return start(db, Map.of());
    }

    public static TestServer start(Db db, Map<String, String> extraEnv) {
        return start(db, extraEnv, null);
    }

    /** A server whose time is {@code clock} (a {@link MutableClock} lets a test move it); null: the real time. */
    public static TestServer start(Db db, Map<String, String> extraEnv, Clock clock) {
        Path dataDir = TempDirectories.create("gatehouse-test-");
        int port = PostgresServer.freePort();
        var env = new HashMap<String, String>();
        env.put("GATEHOUSE_HOST", "127.0.0.1");
        env.put("GATEHOUSE_PORT", Integer.toString(port));
        env.put("GATEHOUSE_BASE_URL", "http://localhost:" + port);
        env.put("GATEHOUSE_DATA_DIR", dataDir.toString());
        byte[] masterKey = new byte[32];
        new java.security.SecureRandom().nextBytes(masterKey);
        env.put("GATEHOUSE_MASTER_KEY", Base64.getEncoder().encodeToString(masterKey));
        env.put("GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL", ADMIN_EMAIL);
        env.put("GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("GATEHOUSE_BOOTSTRAP_CLIENT_SECRET", ADMIN_CLIENT_SECRET);
        // Cheaper Argon2id in tests; production parameters are covered by PasswordHasherTest.
        env.put("GATEHOUSE_ARGON2_MEMORY_KIB", "8192");
        env.put("GATEHOUSE_ARGON2_ITERATIONS", "1");
        // Every test request comes from 127.0.0.1: the per-address limit would lock whole test classes out.
        env.put("GATEHOUSE_SIGNIN_IP_MAX_FAILURES", "100000");
        if (db == Db.POSTGRES) {
            var pg = PostgresServer.shared();
            env.put("GATEHOUSE_DB_URL", pg.newDatabase());
            env.put("GATEHOUSE_DB_USER", pg.user());
            env.put("GATEHOUSE_DB_PASSWORD", pg.password());
        }
        env.putAll(extraEnv);
        return new TestServer(env, dataDir, clock);
    }

    /**
     * Another node of the same installation: same database and master key, its own port and data
     * dir. On PostgreSQL only: an embedded H2 file belongs to one process.
     */
    public TestServer secondNode() {
        Path otherDir = TempDirectories.create("gatehouse-test-");
        var other = new HashMap<>(env);
        int port = PostgresServer.freePort();
        other.put("GATEHOUSE_PORT", Integer.toString(port));
        other.put("GATEHOUSE_DATA_DIR", otherDir.toString());
        return new TestServer(other, otherDir, clock);
    }

    public Application app() {
        return app;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Where this node listens; equal to the base URL except for the second node of an installation. */
    public String address() {
        return address;
    }

    public String bootstrapOutput() {
        return bootstrapOutput;
    }

    /** The bootstrap tenant's id. */
    public String defaultTenantId() {
        return app.tenantService().get("default").id();
    }

    // ---- HTTP

    public Response get(String path, String bearer) {
        return send(request(path, bearer).GET());
    }

    public Response delete(String path, String bearer) {
        return send(request(path, bearer).DELETE());
    }

    public Response postJson(String path, String bearer, Object body) {
        return sendJson("POST", path, bearer, body);
    }

    public Response putJson(String path, String bearer, Object body) {
        return sendJson("PUT", path, bearer, body);
    }

    public Response patchJson(String path, String bearer, Object body) {
        return sendJson("PATCH", path, bearer, body);
    }

    /** Sends {@code body} as-is (a String) or as JSON (anything else). */
    public Response sendJson(String method, String path, String bearer, Object body) {
        String text = body instanceof String s ? s : toJson(body);
        return send(request(path, bearer).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(text)));
    }

    public Response send(String method, String path, Map<String, String> headers, String body) {
        var b = request(path, null).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return send(b);
    }

    /** A form POST; {@code basicAuth} as "id:secret" or null. */
    public Response postForm(String path, Map<String, String> form, String basicAuth) {
        var b = request(path, null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)));
        if (basicAuth != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basicAuth.getBytes(StandardCharsets.UTF_8)));
        }
        return send(b);
    }

    /** A client-credentials access token of the bootstrap admin client. */
    public String adminToken() {
        return clientCredentialsToken(ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET);
    }

    public String clientCredentialsToken(String clientId, String secret) {
        var r = postForm("/auth2/connect/token", Map.of("grant_type", "client_credentials"), clientId + ":" + secret);
        if (r.status() != 200) throw new AssertionError("token request failed: " + r.status() + " " + r.body());
        return r.json().get("access_token").asText();
    }

    /** An access token of the bootstrap administrator through a throw-away ROPC client. */
    public String installationAdminToken() {
        String admin = adminToken();
        var created = postJson("/api/adminapi2/v1/tenants/default/clients", admin,
                Map.of("clientName", "ropc for tests", "allowRopc", true));
        String clientId = created.json().get("clientId").asText();
        String secret = created.json().get("secret").get("value").asText();
        var r = postForm("/auth2/connect/token", Map.of("grant_type", "password", "username", ADMIN_EMAIL,
                "password", ADMIN_PASSWORD), clientId + ":" + secret);
        if (r.status() != 200) throw new AssertionError("password grant failed: " + r.status() + " " + r.body());
        return r.json().get("access_token").asText();
    }

    public static String form(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    public static String toJson(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An ordered map literal, for JSON bodies whose field order should read naturally. */
    public static Map<String, Object> body(Object... keyValues) {
        var m = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keyValues.length; i += 2) m.put((String) keyValues[i], keyValues[i + 1]);
        return m;
    }

    private HttpRequest.Builder request(String path, String bearer) {
        var b = HttpRequest.newBuilder(URI.create(address + path));
        if (bearer != null) b.header("Authorization", "Bearer " + bearer);
        return b;
    }

    private Response send(HttpRequest.Builder b) {
        try {
            var r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response with its body read as text and, on demand, as JSON. */
    public record Response(int status, String body, Map<String, java.util.List<String>> headers) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) return e.getValue().get(0);
            }
            return null;
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    @Override
    public void close() {
        server.stop();
        app.close();
        TempDirectories.delete(dataDir);
    }
}
