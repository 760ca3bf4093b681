package dev.gatehouse.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.domain.SigningAlgorithm;
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

    private BenchApplication bench;
    private String authorization;
    private final ObjectMapper json = new ObjectMapper();
    private final FormParameters form = new FormParameters(Map.of("grant_type", List.of("client_credentials")));

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        bench = new BenchApplication(provider);
        if (!algorithm.equals("RS256")) {
            bench.app.signingKeys().create(bench.tenant.id(), SigningAlgorithm.valueOf(algorithm));
        }
        authorization = bench.client("bench-client", draft -> {
            draft.allowClientCredentials = true;
            draft.roles = List.of("Skill User");
        });
        issue(); // warm the caches: the measured path does no database I/O
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        bench.close();
    }

    @Benchmark
    public String issue() throws Exception {
        return json.writeValueAsString(bench.app.tokenEndpoint().handle(form, authorization, Optional.empty(), "127.0.0.1"));
    }
}
