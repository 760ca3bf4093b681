package dev.gatehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.testing.TempDirectories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged server started as the README starts it ({@code bin/gatehouse}), on its embedded
 * defaults, then the README's curl walk-through done with a real HTTP client: admin token, a new
 * client, a second secret, and a client-credentials token with it. A restart keeps everything and
 * bootstraps nothing.
 */
class PackagedServerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> processes = new ArrayList<>();
    private final List<Path> dataDirs = new ArrayList<>();

    @AfterEach
    void stopAllAndDeleteTheirData() throws InterruptedException {
        stopAll();
        dataDirs.forEach(TempDirectories::delete);
    }

    private void stopAll() throws InterruptedException {
        for (Process p : processes) {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
        processes.clear();
    }

    private Path dataDir() {
        Path dir = TempDirectories.create("gatehouse-it-");
        dataDirs.add(dir);
        return dir;
    }

    @Test
    void theReadmeWalkThroughWorksAndARestartKeepsTheData() throws Exception {
        Path dataDir = dataDir();
        int port = freePort();
        String base = "http://localhost:" + port;

        var first = start(dataDir, port);
        assertThat(first.readyLine).isEqualTo("Gatehouse ready on " + base);
        String secret = find(first.output, "client secret:\\s+(\\S+)");
        assertThat(find(first.output, "client id:\\s+(\\S+)")).isEqualTo("gatehouse-admin");
        assertThat(find(first.output, "admin email:\\s+(\\S+)")).isEqualTo("admin@localhost");
        assertThat(find(first.output, "admin password:\\s+(\\S+)")).hasSize(24);
        assertThat(first.output).contains("No GATEHOUSE_MASTER_KEY set");

        // 1. An admin token with the bootstrap client.
        String admin = token(base, "gatehouse-admin", secret);
        // 2. A client that may use client credentials.
        var created = call("POST", base + "/api/adminapi2/v1/tenants/default/clients", admin,
                "{\"clientName\":\"Invoice robot\",\"allowedGrantTypes\":[\"client_credentials\"]}");
        assertThat(created.statusCode()).isEqualTo(201);
        String clientId = json(created).get("clientId").asText();
        // 3. A second secret for it.
        var secretResponse = call("POST", base + "/api/adminapi2/v1/tenants/default/clients/" + clientId + "/secrets",
                admin, "{\"description\":\"for the walk-through\"}");
        assertThat(secretResponse.statusCode()).isEqualTo(201);
        String newSecret = json(secretResponse).get("value").asText();
        // 4. A token with it.
        String robot = token(base, clientId, newSecret);
        assertThat(robot.split("\\.")).hasSize(3);

        // Stop and start again on the same data: nothing is bootstrapped twice, everything is still there.
        stopAll();
        if (Runtime.version().feature() >= 25) {
            try (var files = Files.list(Path.of("target"))) {
                assertThat(files.map(f -> f.getFileName().toString()))
                        .as("bin/gatehouse recorded a start-up cache for this JDK")
                        .anyMatch(name -> name.matches("gatehouse-jdk[0-9.]+\\.aot"));
            }
        }
        var second = start(dataDir, port);
        assertThat(second.output).as("the cache is accepted").doesNotContainIgnoringCase("[aot]");
        assertThat(second.output).doesNotContain("Gatehouse bootstrap").doesNotContain("No GATEHOUSE_MASTER_KEY set");
        assertThat(token(base, clientId, newSecret)).isNotBlank();
        assertThat(token(base, "gatehouse-admin", secret)).isNotBlank();
    }

    @Test
    void theRuntimeLibrariesCarryNoJarSignatures() throws Exception {
        // Signed jars cost a verification of every class read from them at each start, and the AOT cache skips them.
        try (var jars = Files.list(Path.of("target/lib"))) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                try (var file = new java.util.jar.JarFile(jar.toFile())) {
                    assertThat(file.stream().map(java.util.jar.JarEntry::getName))
                            .as(jar.getFileName().toString())
                            .noneMatch(name -> name.matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)"));
                }
            }
        }
    }

    private record Started(String readyLine, String output) {}

    private Started start(Path dataDir, int port) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        var pb = new ProcessBuilder(root.resolve("bin/gatehouse").toString()).redirectErrorStream(true);
        pb.environment().put("GATEHOUSE_PORT", Integer.toString(port));
        pb.environment().put("GATEHOUSE_HOST", "127.0.0.1");
        pb.environment().put("GATEHOUSE_DATA_DIR", dataDir.toString());
        Process process = pb.start();
        processes.add(process);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) lines.add(line);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        var output = new StringBuilder();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                if (!process.isAlive()) break;
                continue;
            }
            output.append(line).append('\n');
            int at = line.indexOf("Gatehouse ready on ");
            if (at >= 0) return new Started(line.substring(at).trim(), output.toString());
        }
        throw new AssertionError("server did not become ready:\n" + output);
    }

    private String token(String base, String clientId, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create(base + "/auth2/connect/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).get("access_token").asText();
    }

    private HttpResponse<String> call(String method, String url, String bearer, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("output has " + regex + ":\n" + text).isTrue();
        return m.group(1);
    }

    private static int freePort() throws IOException {
        try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
