package dev.gatehouse.bench;

import dev.gatehouse.config.Settings;
import dev.gatehouse.crypto.PasswordHasher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * One Argon2id password hash, the whole cost of a sign-in, for parameter sets of equal strength by
 * OWASP's password storage guidance (memory in KiB x passes, one lane) and both implementations. Run
 * with {@code -t 2} too: two hashes at once, as on a busy two-core server, share the memory bandwidth
 * and the caches, which a single thread does not show.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PasswordHashBench {
    @Param({"19456x2", "12288x3", "9216x4", "7168x5"})
    public String cost;

    @Param({"native", "java"})
    public String implementation;

    private PasswordHasher hasher;

    @Setup
    public void setUp() {
        String[] parts = cost.split("x");
        hasher = new PasswordHasher(new Settings.PasswordHashing(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), 1),
                implementation.equals("native"));
        String made = hasher.hash("warm-up");
        if (implementation.equals("native") != hasher.implementation().equals("libargon2")) {
            throw new IllegalStateException("asked for " + implementation + ", got " + hasher.implementation());
        }
        if (!hasher.verify("warm-up", made)) throw new IllegalStateException("hash does not verify");
    }

    @Benchmark
    public String hash() {
        return hasher.hash("correct horse battery staple");
    }
}
