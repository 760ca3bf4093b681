package dev.gatehouse.bench;

import dev.gatehouse.Application;
import dev.gatehouse.domain.ClientBuilder;
import dev.gatehouse.config.Settings;
import dev.gatehouse.domain.Actor;
import dev.gatehouse.domain.Tenant;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The whole application in process, as the benchmarks of the hot paths measure it: an in-memory H2
 * database, a random master key, the chosen crypto provider, and one tenant, "bench". Closing it
 * closes the application and removes its (empty) data directory.
 */
final class BenchApplication implements AutoCloseable {
    static final Actor ACTOR = Actor.system("benchmark");

    final Application app;
    final Tenant tenant;
    private final Path dataDir;

    BenchApplication(String provider) throws IOException {
        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey);
        dataDir = Files.createTempDirectory("gatehouse-jmh-");
        app = new Application(Settings.from(Map.of(
                "GATEHOUSE_DATA_DIR", dataDir.toString(),
                "GATEHOUSE_DB_URL", "jdbc:h2:mem:jmh-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "GATEHOUSE_MASTER_KEY", Base64.getEncoder().encodeToString(masterKey),
                "GATEHOUSE_CRYPTO_PROVIDER", provider)));
        tenant = app.tenantService().create("bench", "Bench", ACTOR);
    }

    /** Creates a client of the tenant with a secret; returns its client_secret_basic Authorization header. */
    String client(String clientId, Consumer<ClientBuilder> configure) {
        var draft = app.clientService().draft(tenant);
        draft.clientId = clientId;
        configure.accept(draft);
        String secret = app.clientService().create(tenant, draft, ACTOR).firstSecret().orElseThrow().value();
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        app.close();
        Files.deleteIfExists(dataDir);
    }
}
