package dev.gatehouse.bench;

import dev.gatehouse.oauth.ClientAuthenticator;
import dev.gatehouse.oauth.FormParameters;
import dev.gatehouse.oauth.IntrospectionEndpoint;
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
 * Client authentication with client_secret_basic and warm caches, as every token, introspection and
 * revocation request does it first: decode the Basic header, find the client in the cache, HMAC the
 * presented secret and compare it with each stored secret in constant time, check the tenant.
 * The authenticator is the application's own (taken from the introspection endpoint, which holds
 * the same instance as the token endpoint), so the measured path is the production one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ClientAuthenticationBench {
    @Param({"native", "jdk"})
    public String provider;

    private BenchApplication bench;
    private ClientAuthenticator authenticator;
    private String authorization;
    private final FormParameters form = new FormParameters(Map.of("grant_type", List.of("client_credentials")));

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        bench = new BenchApplication(provider);
        authorization = bench.client("bench-client", draft -> draft.allowClientCredentials = true);
        var field = IntrospectionEndpoint.class.getDeclaredField("authenticator");
        field.setAccessible(true);
        authenticator = (ClientAuthenticator) field.get(bench.app.introspectionEndpoint());
        authenticate(); // warm the caches: the measured path does no database I/O
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        bench.close();
    }

    @Benchmark
    public ClientAuthenticator.AuthenticatedClient authenticate() {
        return authenticator.authenticate(form, authorization, Optional.empty());
    }
}
