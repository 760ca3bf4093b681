package dev.gatehouse.bench;

import dev.gatehouse.crypto.CryptoProviders;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;

/**
 * The JVM's raw signature rate on this machine, per algorithm and provider: the physical limit
 * that token issuance over HTTP is compared with. The input is the size of a typical access token's
 * signing input.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SignatureBench {
    @Param({"RS256", "ES256", "EdDSA"})
    public String algorithm;

    @Param({"native", "jdk"})
    public String provider;

    private Signature signature;
    private final byte[] input = ("eyJraWQiOiJrZXkiLCJ0eXAiOiJhdCtqd3QiLCJhbGciOiJSUzI1NiJ9." + "x".repeat(560))
            .getBytes(StandardCharsets.US_ASCII);

    @Setup
    public void setUp() throws Exception {
        CryptoProviders.install(provider.equals("native"));
        KeyPairGenerator generator;
        switch (algorithm) {
            case "RS256" -> {
                generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                signature = Signature.getInstance("SHA256withRSA");
            }
            case "ES256" -> {
                generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                signature = Signature.getInstance("SHA256withECDSA");
            }
            case "EdDSA" -> {
                generator = KeyPairGenerator.getInstance("Ed25519");
                signature = Signature.getInstance("Ed25519");
            }
            default -> throw new IllegalArgumentException(algorithm);
        }
        signature.initSign(generator.generateKeyPair().getPrivate());
    }

    @Benchmark
    public byte[] sign() throws Exception {
        signature.update(input);
        return signature.sign();
    }
}
