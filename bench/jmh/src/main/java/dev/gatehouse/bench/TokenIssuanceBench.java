package dev.gatehouse.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.Application;
import dev.gatehouse.config.Settings;
import dev.gatehouse.domain.Actor;
import dev.gatehouse.domain.Tenant;
import dev.gatehouse.oauth.FormParameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The token endpoint's work for one client_credentials request, in process and without HTTP:
 * parse the form, authenticate the client (client_secret_basic), sign the RFC 9068 access token
 * with the tenant's key, and serialise the JSON answer. Compare with {@link SignatureBench} to see
 * what everything but the signature costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TokenIssuanceBench {
    @Param({"native", "jdk"})
    public String provider;

    @Param({"RS256", "ES256"})
    public String algorithm;

    private Application app;
    private String authorization;
    private final ObjectMapper json = new ObjectMapper();
    private final FormParameters form = new FormParameters(Map.of("grant_type", List.of("client_credentials")));

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey);
        var dir = Files.createTempDirectory("gatehouse-jmh-");
        app = new Application(Settings.from(Map.of(
                "GATEHOUSE_DATA_DIR", dir.toString(),
                "GATEHOUSE_DB_URL", "jdbc:h2:mem:jmh-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "GATEHOUSE_MASTER_KEY", Base64.getEncoder().encodeToString(masterKey),
                "GATEHOUSE_CRYPTO_PROVIDER", provider)));
        var actor = Actor.system("benchmark");
        Tenant tenant = app.tenantService().create("bench", "Bench", actor);
        if (!algorithm.equals("RS256")) {
            app.signingKeys().create(tenant.id(), dev.gatehouse.domain.SigningAlgorithm.valueOf(algorithm));
        }
        var draft = app.clientService().draft(tenant);
        draft.clientId = "bench-client";
        draft.allowClientCredentials = true;
        draft.roles = List.of("Skill User");
        String secret = app.clientService().create(tenant, draft, actor).firstSecret().orElseThrow().value();
        authorization = "Basic " + Base64.getEncoder().encodeToString(("bench-client:" + secret)
                .getBytes(StandardCharsets.UTF_8));
        issue(); // warm the caches: the measured path does no database I/O
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        app.close();
    }

    @Benchmark
    public String issue() throws Exception {
        return json.writeValueAsString(app.tokenEndpoint().handle(form, authorization, Optional.empty(), "127.0.0.1"));
    }
}
