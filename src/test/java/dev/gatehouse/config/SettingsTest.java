package dev.gatehouse.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SPEC §6 start-up contract: the variables, their defaults, the config file and clear errors. */
class SettingsTest {
    private static final Path WORKING_DIR = Path.of("").toAbsolutePath();

    @TempDir
    Path tmp;

    @Test
    void defaultsOfTheStartUpContract() {
        var s = Settings.from(Map.of());
        assertThat(s.port()).isEqualTo(8080);
        assertThat(s.baseUrl()).isEqualTo("http://localhost:8080");
        assertThat(s.dataDir()).isEqualTo(WORKING_DIR.resolve("data"));
        assertThat(s.dbUrl()).isEqualTo("jdbc:h2:file:" + WORKING_DIR.resolve("data").resolve("gatehouse")
                + ";DB_CLOSE_ON_EXIT=FALSE");
        assertThat(s.usesH2()).isTrue();
        assertThat(s.dbUser()).isEqualTo("sa");
        assertThat(s.dbPassword()).isEmpty();
        assertThat(s.masterKey()).isEmpty();
        assertThat(s.bootstrapTenant()).isEqualTo("default");
        assertThat(s.bootstrapAdminEmail()).isEqualTo("admin@localhost");
        assertThat(s.bootstrapAdminPassword()).isEmpty();
        assertThat(s.bootstrapClientId()).isEqualTo("gatehouse-admin");
        assertThat(s.bootstrapClientSecret()).isEmpty();
    }

    @Test
    void defaultsBeyondTheContract() {
        var s = Settings.from(Map.of());
        assertThat(s.host()).isEqualTo("0.0.0.0");
        assertThat(s.dbPoolSize()).isEqualTo(16);
        assertThat(s.passwordHashing()).isEqualTo(new Settings.PasswordHashing(7168, 5, 1));
        assertThat(s.keySchedule()).isEqualTo(new Settings.KeySchedule(Duration.ofDays(90), Duration.ofHours(1)));
        assertThat(s.logFormat()).isEqualTo("text");
    }

    @Test
    void everyVariableIsRead() {
        var s = Settings.from(Map.ofEntries(
                Map.entry("GATEHOUSE_HOST", "127.0.0.1"),
                Map.entry("GATEHOUSE_PORT", "9443"),
                Map.entry("GATEHOUSE_BASE_URL", "https://id.example.com"),
                Map.entry("GATEHOUSE_DATA_DIR", "/srv/gatehouse"),
                Map.entry("GATEHOUSE_DB_URL", "jdbc:postgresql://db.internal:5432/gatehouse"),
                Map.entry("GATEHOUSE_DB_USER", "gh"),
                Map.entry("GATEHOUSE_DB_PASSWORD", "db-pass"),
                Map.entry("GATEHOUSE_DB_POOL_SIZE", "40"),
                Map.entry("GATEHOUSE_MASTER_KEY", "bWFzdGVy"),
                Map.entry("GATEHOUSE_BOOTSTRAP_TENANT", "acme"),
                Map.entry("GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL", "ops@acme.example"),
                Map.entry("GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD", "admin-pass"),
                Map.entry("GATEHOUSE_BOOTSTRAP_CLIENT_ID", "acme-admin"),
                Map.entry("GATEHOUSE_BOOTSTRAP_CLIENT_SECRET", "client-secret"),
                Map.entry("GATEHOUSE_ARGON2_MEMORY_KIB", "65536"),
                Map.entry("GATEHOUSE_ARGON2_ITERATIONS", "3"),
                Map.entry("GATEHOUSE_ARGON2_PARALLELISM", "4"),
                Map.entry("GATEHOUSE_SIGNIN_IP_MAX_FAILURES", "7"),
                Map.entry("GATEHOUSE_PROXY_HEADERS", "xforwarded"),
                Map.entry("GATEHOUSE_KEY_ROTATION_DAYS", "30"),
                Map.entry("GATEHOUSE_KEY_LEAD_SECONDS", "7200"),
                Map.entry("GATEHOUSE_LOG_FORMAT", "json"),
                Map.entry("GATEHOUSE_CRYPTO_PROVIDER", "jdk")));
        assertThat(s).isEqualTo(new Settings("127.0.0.1", 9443, "https://id.example.com", Path.of("/srv/gatehouse"),
                "jdbc:postgresql://db.internal:5432/gatehouse", "gh", "db-pass", 40, Optional.of("bWFzdGVy"), "acme",
                "ops@acme.example", Optional.of("admin-pass"), "acme-admin", Optional.of("client-secret"),
                new Settings.PasswordHashing(65536, 3, 4), 7, true,
                new Settings.KeySchedule(Duration.ofDays(30), Duration.ofHours(2)), "json", false));
        assertThat(s.usesH2()).isFalse();
    }

    @Test
    void proxyHeadersAreOffUnlessXforwardedIsChosen() {
        assertThat(Settings.from(Map.of()).proxyHeaders()).isFalse();
        assertThat(Settings.from(Map.of("GATEHOUSE_PROXY_HEADERS", "XForwarded")).proxyHeaders()).isTrue();
        assertThatThrownBy(() -> Settings.from(Map.of("GATEHOUSE_PROXY_HEADERS", "forwarded-sure")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("GATEHOUSE_PROXY_HEADERS must be one of none, xforwarded");
    }

    @Test
    void theNativeCryptoProviderIsUsedUnlessJdkIsAskedFor() {
        assertThat(Settings.from(Map.of()).nativeCrypto()).isTrue();
        assertThat(Settings.from(Map.of("GATEHOUSE_CRYPTO_PROVIDER", "JDK")).nativeCrypto()).isFalse();
    }

    @Test
    void theBaseUrlFollowsThePortUnlessGiven() {
        assertThat(Settings.from(Map.of("GATEHOUSE_PORT", "9090")).baseUrl()).isEqualTo("http://localhost:9090");
        assertThat(Settings.from(Map.of("GATEHOUSE_PORT", "9090", "GATEHOUSE_BASE_URL", "https://id.example.com"))
                .baseUrl()).isEqualTo("https://id.example.com");
    }

    @ParameterizedTest
    @CsvSource({
            "https://id.example.com/, https://id.example.com",
            "https://id.example.com/base/, https://id.example.com/base",
            "https://id.example.com/base, https://id.example.com/base",
            "http://localhost:8080/, http://localhost:8080"})
    void aTrailingSlashOnTheBaseUrlIsRemoved(String configured, String expected) {
        assertThat(Settings.from(Map.of("GATEHOUSE_BASE_URL", configured)).baseUrl()).isEqualTo(expected);
    }

    @Test
    void theEmbeddedDatabaseLivesInTheDataDir() {
        var s = Settings.from(Map.of("GATEHOUSE_DATA_DIR", "/var/lib/gatehouse"));
        assertThat(s.dataDir()).isEqualTo(Path.of("/var/lib/gatehouse"));
        assertThat(s.dbUrl()).isEqualTo("jdbc:h2:file:/var/lib/gatehouse/gatehouse;DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void aRelativeDataDirIsResolvedAgainstTheWorkingDirectory() {
        var s = Settings.from(Map.of("GATEHOUSE_DATA_DIR", "state/../gh-data"));
        assertThat(s.dataDir()).isEqualTo(WORKING_DIR.resolve("gh-data"));
    }

    @Test
    void theDatabaseUserDefaultsToSaOnlyForH2() {
        assertThat(Settings.from(Map.of("GATEHOUSE_DB_URL", "jdbc:h2:mem:x")).dbUser()).isEqualTo("sa");
        assertThat(Settings.from(Map.of("GATEHOUSE_DB_URL", "jdbc:postgresql://db/gh")).dbUser()).isEmpty();
    }

    @Test
    void scheduledKeyRotationCanBeTurnedOffAndKeysCanSignAtOnce() {
        var s = Settings.from(Map.of("GATEHOUSE_KEY_ROTATION_DAYS", "0", "GATEHOUSE_KEY_LEAD_SECONDS", "0"));
        assertThat(s.keySchedule()).isEqualTo(new Settings.KeySchedule(Duration.ZERO, Duration.ZERO));
    }

    @ParameterizedTest
    @CsvSource({
            "GATEHOUSE_KEY_ROTATION_DAYS, 3651, GATEHOUSE_KEY_ROTATION_DAYS must be between 0 and 3650",
            "GATEHOUSE_KEY_ROTATION_DAYS, -1, GATEHOUSE_KEY_ROTATION_DAYS must be between 0 and 3650",
            "GATEHOUSE_KEY_ROTATION_DAYS, 1.5, GATEHOUSE_KEY_ROTATION_DAYS must be a whole number",
            "GATEHOUSE_KEY_LEAD_SECONDS, 604801, GATEHOUSE_KEY_LEAD_SECONDS must be between 0 and 604800",
            "GATEHOUSE_KEY_LEAD_SECONDS, 1h, GATEHOUSE_KEY_LEAD_SECONDS must be a whole number"})
    void aBadKeyScheduleIsAConfigurationError(String variable, String value, String message) {
        assertThatThrownBy(() -> Settings.from(Map.of(variable, value)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "65535", " 8443 "})
    void portsFromZeroTo65535AreAccepted(String port) {
        assertThat(Settings.from(Map.of("GATEHOUSE_PORT", port)).port()).isEqualTo(Integer.parseInt(port.trim()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"65536", "70000", "-1", "2147483647"})
    void anOutOfRangePortIsAConfigurationErrorNamingTheVariableNotTheValue(String port) {
        assertThatThrownBy(() -> Settings.from(Map.of("GATEHOUSE_PORT", port)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("GATEHOUSE_PORT must be between 0 and 65535")
                .message().doesNotContain(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "80a", "8080.0", "0x50", "99999999999", "eighty"})
    void aNonNumericPortIsAConfigurationErrorNamingTheVariableNotTheValue(String port) {
        assertThatThrownBy(() -> Settings.from(Map.of("GATEHOUSE_PORT", port)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("GATEHOUSE_PORT must be a whole number")
                .message().doesNotContain(port);
    }

    @Test
    void otherNumbersAreCheckedToo() {
        assertThatThrownBy(() -> Settings.from(Map.of("GATEHOUSE_DB_POOL_SIZE", "0")))
                .isInstanceOf(ConfigurationException.class).hasMessage("GATEHOUSE_DB_POOL_SIZE must be between 1 and 500");
        assertThatThrownBy(() -> Settings.from(Map.of("GATEHOUSE_ARGON2_MEMORY_KIB", "512")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("GATEHOUSE_ARGON2_MEMORY_KIB must be between 1024 and 4194304");
        assertThatThrownBy(() -> Settings.from(Map.of("GATEHOUSE_ARGON2_ITERATIONS", "lots")))
                .isInstanceOf(ConfigurationException.class).hasMessage("GATEHOUSE_ARGON2_ITERATIONS must be a whole number");
        assertThatThrownBy(() -> Settings.from(Map.of("GATEHOUSE_ARGON2_PARALLELISM", "65")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("GATEHOUSE_ARGON2_PARALLELISM must be between 1 and 64");
    }

    @Test
    void blankVariablesCountAsUnset() {
        var s = Settings.from(Map.of("GATEHOUSE_PORT", "", "GATEHOUSE_BASE_URL", "  ", "GATEHOUSE_MASTER_KEY", ""));
        assertThat(s.port()).isEqualTo(8080);
        assertThat(s.baseUrl()).isEqualTo("http://localhost:8080");
        assertThat(s.masterKey()).isEmpty();
    }

    @Test
    void variablesWithoutTheGatehousePrefixAreIgnored() {
        var s = Settings.from(Map.of("PORT", "1234", "BASE_URL", "https://x.example.com", "gatehouse_port", "4321"));
        assertThat(s.port()).isEqualTo(8080);
        assertThat(s.baseUrl()).isEqualTo("http://localhost:8080");
    }

    @Test
    void theConfigFileIsRead() throws IOException {
        Path file = write("""
                # Gatehouse settings
                GATEHOUSE_PORT = 9000
                GATEHOUSE_BASE_URL=https://id.example.com/
                GATEHOUSE_BOOTSTRAP_TENANT=acme  \s
                GATEHOUSE_MASTER_KEY=bWFzdGVy
                """);
        var s = Settings.from(Map.of("GATEHOUSE_CONFIG", file.toString()));
        assertThat(s.port()).isEqualTo(9000);
        assertThat(s.baseUrl()).isEqualTo("https://id.example.com");
        assertThat(s.bootstrapTenant()).isEqualTo("acme");
        assertThat(s.masterKey()).contains("bWFzdGVy");
    }

    @Test
    void environmentVariablesOverrideTheConfigFile() throws IOException {
        Path file = write("""
                GATEHOUSE_PORT=9000
                GATEHOUSE_BOOTSTRAP_TENANT=from-file
                GATEHOUSE_BOOTSTRAP_CLIENT_ID=file-client
                """);
        var env = new HashMap<String, String>();
        env.put("GATEHOUSE_CONFIG", file.toString());
        env.put("GATEHOUSE_PORT", "9100");
        env.put("GATEHOUSE_BOOTSTRAP_TENANT", "from-env");
        var s = Settings.from(env);
        assertThat(s.port()).isEqualTo(9100);
        assertThat(s.baseUrl()).isEqualTo("http://localhost:9100");
        assertThat(s.bootstrapTenant()).isEqualTo("from-env");
        assertThat(s.bootstrapClientId()).isEqualTo("file-client");
    }

    @Test
    void aBlankEnvironmentVariableDoesNotOverrideTheConfigFile() throws IOException {
        Path file = write("GATEHOUSE_BOOTSTRAP_TENANT=from-file\n");
        var s = Settings.from(Map.of("GATEHOUSE_CONFIG", file.toString(), "GATEHOUSE_BOOTSTRAP_TENANT", ""));
        assertThat(s.bootstrapTenant()).isEqualTo("from-file");
    }

    @Test
    void aBlankValueInTheConfigFileCountsAsUnsetLikeABlankVariable() throws IOException {
        Path file = write("""
                GATEHOUSE_PORT=
                GATEHOUSE_BASE_URL=
                GATEHOUSE_DB_URL=  \s
                GATEHOUSE_MASTER_KEY=
                GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD=
                """);
        var s = Settings.from(Map.of("GATEHOUSE_CONFIG", file.toString()));
        assertThat(s.port()).isEqualTo(8080);
        assertThat(s.baseUrl()).isEqualTo("http://localhost:8080");
        assertThat(s.dbUrl()).startsWith("jdbc:h2:file:");
        assertThat(s.masterKey()).isEmpty();
        assertThat(s.bootstrapAdminPassword()).isEmpty();
    }

    @Test
    void aBadNumberInTheConfigFileIsAConfigurationErrorNamingTheVariable() throws IOException {
        Path file = write("GATEHOUSE_PORT=port-nine-thousand\n");
        assertThatThrownBy(() -> Settings.from(Map.of("GATEHOUSE_CONFIG", file.toString())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("GATEHOUSE_PORT must be a whole number");
    }

    @Test
    void aMissingConfigFileIsAConfigurationError() {
        Path missing = tmp.resolve("missing.properties");
        assertThatThrownBy(() -> Settings.from(Map.of("GATEHOUSE_CONFIG", missing.toString())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("cannot read GATEHOUSE_CONFIG file " + missing);
    }


    private Path write(String content) throws IOException {
        Path file = tmp.resolve("gatehouse.properties");
        Files.writeString(file, content);
        return file;
    }
}
