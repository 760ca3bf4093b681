package dev.gatehouse;

import dev.gatehouse.testing.TempDirectories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line of SPEC §6, run as the packaged program on one data directory. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandLineIT {
    private Path dataDir;

    private record Run(int exitCode, String output) {}

    @BeforeAll
    void migrate() throws Exception {
        dataDir = TempDirectories.create("gatehouse-cli-");
        var r = run(null, "migrate");
        assertThat(r.exitCode()).isZero();
        assertThat(r.output()).contains("database schema is up to date");
    }

    @AfterAll
    void deleteDataDir() {
        TempDirectories.delete(dataDir);
    }

    @Test
    void tenantClientAndUserCreation() throws Exception {
        var tenant = run(null, "tenant", "create", "--name", "cli-tenant", "--display-name", "CLI Tenant");
        assertThat(tenant.exitCode()).as(tenant.output()).isZero();
        assertThat(tenant.output()).containsPattern("tenant cli-tenant created with id [0-9a-f-]{36}");

        var client = run(null, "client", "create", "--tenant", "cli-tenant", "--name", "Robot", "--client-credentials",
                "--role", "Skill User", "--redirect-uri", "https://app.example.com");
        assertThat(client.exitCode()).as(client.output()).isZero();
        assertThat(find(client.output(), "Client ID:\\s+(\\S+)")).matches("[A-Za-z0-9]{30}");
        assertThat(find(client.output(), "Client Secret:\\s+(\\S+)")).hasSize(43);
        assertThat(client.output()).contains("warning: 'https://app.example.com' does not end at a path boundary");

        var user = run("a-long-enough-password\n", "user", "create", "--tenant", "cli-tenant", "--email",
                "ann@example.com", "--role", "Tenant Administrator", "--password-stdin");
        assertThat(user.exitCode()).as(user.output()).isZero();
        assertThat(user.output()).containsPattern("user ann@example.com created with id [0-9a-f-]{36}");
        assertThat(user.output()).doesNotContain("a-long-enough-password");

        var generated = run(null, "user", "create", "--tenant", "cli-tenant", "--email", "bob@example.com");
        assertThat(find(generated.output(), "password: (\\S+)")).hasSize(20);
    }

    @Test
    void badInputIsAClearMessageAndExitCodeTwo() throws Exception {
        var noTenant = run(null, "client", "create", "--tenant", "no-such-tenant");
        assertThat(noTenant.exitCode()).isEqualTo(2);
        assertThat(noTenant.output()).contains("gatehouse: no tenant 'no-such-tenant'");
        var badName = run(null, "tenant", "create", "--name", "Bad Name");
        assertThat(badName.exitCode()).isEqualTo(2);
        assertThat(badName.output()).contains("gatehouse: invalid input: {name=");
        var badPort = runWithEnv("GATEHOUSE_PORT", "eighty", "migrate");
        assertThat(badPort.exitCode()).isEqualTo(2);
        assertThat(badPort.output()).contains("gatehouse: GATEHOUSE_PORT must be a whole number");
        assertThat(run(null, "frobnicate").exitCode()).isEqualTo(2);
        var badServe = runWithEnv("GATEHOUSE_PORT", "eighty");
        assertThat(badServe.exitCode()).as("serve, started without the parser").isEqualTo(2);
        assertThat(badServe.output()).contains("gatehouse: GATEHOUSE_PORT must be a whole number");
    }

    private Run run(String stdin, String... args) throws Exception {
        return execute(null, null, stdin, args);
    }

    private Run runWithEnv(String name, String value, String... args) throws Exception {
        return execute(name, value, null, args);
    }

    private Run execute(String name, String value, String stdin, String[] args) throws Exception {
        var command = new java.util.ArrayList<String>();
        command.add(Path.of("bin/gatehouse").toAbsolutePath().toString());
        command.addAll(java.util.List.of(args));
        var pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("GATEHOUSE_DATA_DIR", dataDir.toString());
        pb.environment().put("GATEHOUSE_LOG_FORMAT", "text");
        if (name != null) pb.environment().put(name, value);
        Process p = pb.start();
        if (stdin != null) p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), output);
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("output has " + regex + ":\n" + text).isTrue();
        return m.group(1);
    }
}
