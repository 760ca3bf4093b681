package dev.gatehouse;

import dev.gatehouse.config.Settings;
import dev.gatehouse.crypto.CryptoProviders;
import dev.gatehouse.crypto.RandomValues;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run of the JDK's AOT cache that {@code bin/gatehouse} starts the server from (JDK 25+,
 * {@code -XX:AOTCacheOutput}): starts the server as {@code serve} does, on a throw-away H2 database
 * and a free loopback port, asks it what a first client asks (discovery, JWKS, client-credentials
 * tokens), and stops. The JVM then writes the classes this loaded and linked, and their profiles.
 */
public final class AotTraining {
    private static final int TOKENS = 200;

    private AotTraining() {}

    public static void main(String[] args) throws Exception {
        Path dataDir = Files.createTempDirectory("gatehouse-aot-training-");
        try {
            train(dataDir);
        } finally {
            deleteTree(dataDir);
        }
    }

    private static void train(Path dataDir) throws Exception {
        int port = freePort();
        String secret = RandomValues.secret();
        CryptoProviders.preload();
        var settings = Settings.from(Map.of(
                "GATEHOUSE_HOST", "127.0.0.1",
                "GATEHOUSE_PORT", Integer.toString(port),
                "GATEHOUSE_DATA_DIR", dataDir.toString(),
                "GATEHOUSE_BOOTSTRAP_CLIENT_ID", "aot-training",
                "GATEHOUSE_BOOTSTRAP_CLIENT_SECRET", secret));
        try (var app = new Application(settings)) {
            var server = Gatehouse.start(app);
            try (var http = HttpClient.newHttpClient()) {
                String base = "http://127.0.0.1:" + port + "/auth2";
                expectOk(http, HttpRequest.newBuilder(URI.create(base + "/.well-known/openid-configuration")).build());
                expectOk(http, HttpRequest.newBuilder(URI.create(base + "/.well-known/openid-configuration/jwks")).build());
                String basic = Base64.getEncoder().encodeToString(("aot-training:" + secret).getBytes(StandardCharsets.UTF_8));
                var token = HttpRequest.newBuilder(URI.create(base + "/connect/token"))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
                for (int i = 0; i < TOKENS; i++) expectOk(http, token);
            } finally {
                server.stop();
            }
        }
    }

    private static void expectOk(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
