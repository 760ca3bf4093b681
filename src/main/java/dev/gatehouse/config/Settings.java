package dev.gatehouse.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Every setting Gatehouse reads, from environment variables and optionally a properties file
 * named by {@code GATEHOUSE_CONFIG} (keys are the variable names; the environment wins). A blank value,
 * in either, counts as unset.
 * Nothing else in Gatehouse reads the environment.
 */
public record Settings(
        String host,
        int port,
        String baseUrl,
        Path dataDir,
        String dbUrl,
        String dbUser,
        String dbPassword,
        int dbPoolSize,
        Optional<String> masterKey,
        String bootstrapTenant,
        String bootstrapAdminEmail,
        Optional<String> bootstrapAdminPassword,
        String bootstrapClientId,
        Optional<String> bootstrapClientSecret,
        PasswordHashing passwordHashing,
        int signInIpMaxFailures,
        boolean proxyHeaders,
        KeySchedule keySchedule,
        String logFormat,
        boolean nativeCrypto) {

    /** Argon2id cost parameters; the defaults are OWASP's second recommended configuration. */
    public record PasswordHashing(int memoryKib, int iterations, int parallelism) {}

    /**
     * When signing keys change: every {@code rotationInterval} (zero: never on schedule), and a new key is
     * published {@code leadTime} before it signs, so relying parties' cached JWKS already hold it.
     */
    public record KeySchedule(Duration rotationInterval, Duration leadTime) {}

    public static Settings fromEnvironment() {
        return from(System.getenv());
    }

    public static Settings from(Map<String, String> env) {
        Map<String, String> values = new HashMap<>();
        String configFile = env.get("GATEHOUSE_CONFIG");
        if (configFile != null && !configFile.isBlank()) {
            values.putAll(readProperties(Path.of(configFile)));
        }
        env.forEach((k, v) -> {
            if (k.startsWith("GATEHOUSE_") && v != null && !v.isBlank()) values.put(k, v);
        });
        var reader = new Values(values);
        int port = reader.integer("GATEHOUSE_PORT", 8080, 0, 65535);
        String host = reader.text("GATEHOUSE_HOST", "0.0.0.0");
        String baseUrl = stripTrailingSlash(reader.text("GATEHOUSE_BASE_URL", "http://localhost:" + port));
        Path dataDir = Path.of(reader.text("GATEHOUSE_DATA_DIR", "./data")).toAbsolutePath().normalize();
        String dbUrl = reader.text("GATEHOUSE_DB_URL",
                "jdbc:h2:file:" + dataDir.resolve("gatehouse") + ";DB_CLOSE_ON_EXIT=FALSE");
        return new Settings(
                host,
                port,
                baseUrl,
                dataDir,
                dbUrl,
                reader.text("GATEHOUSE_DB_USER", dbUrl.startsWith("jdbc:h2:") ? "sa" : ""),
                reader.text("GATEHOUSE_DB_PASSWORD", ""),
                reader.integer("GATEHOUSE_DB_POOL_SIZE", 16, 1, 500),
                reader.optional("GATEHOUSE_MASTER_KEY"),
                reader.text("GATEHOUSE_BOOTSTRAP_TENANT", "default"),
                reader.text("GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL", "admin@localhost"),
                reader.optional("GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD"),
                reader.text("GATEHOUSE_BOOTSTRAP_CLIENT_ID", "gatehouse-admin"),
                reader.optional("GATEHOUSE_BOOTSTRAP_CLIENT_SECRET"),
                new PasswordHashing(
                        reader.integer("GATEHOUSE_ARGON2_MEMORY_KIB", 7168, 1024, 4 * 1024 * 1024),
                        reader.integer("GATEHOUSE_ARGON2_ITERATIONS", 5, 1, 100),
                        reader.integer("GATEHOUSE_ARGON2_PARALLELISM", 1, 1, 64)),
                reader.integer("GATEHOUSE_SIGNIN_IP_MAX_FAILURES", 20, 1, 1_000_000),
                reader.choice("GATEHOUSE_PROXY_HEADERS", "none", "none", "xforwarded").equals("xforwarded"),
                new KeySchedule(
                        Duration.ofDays(reader.integer("GATEHOUSE_KEY_ROTATION_DAYS", 90, 0, 3650)),
                        Duration.ofSeconds(reader.integer("GATEHOUSE_KEY_LEAD_SECONDS", 3600, 0, 7 * 86400))),
                reader.text("GATEHOUSE_LOG_FORMAT", "text"),
                !reader.text("GATEHOUSE_CRYPTO_PROVIDER", "native").equalsIgnoreCase("jdk"));
    }

    public boolean usesH2() {
        return dbUrl.startsWith("jdbc:h2:");
    }

    private static String stripTrailingSlash(String url) {
        String trimmed = url;
        while (trimmed.endsWith("/")) trimmed = trimmed.substring(0, trimmed.length() - 1);
        return trimmed;
    }

    private static Map<String, String> readProperties(Path file) {
        var properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read GATEHOUSE_CONFIG file " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new HashMap<>();
        properties.forEach((k, v) -> {
            String value = v.toString().trim();
            if (!value.isEmpty()) values.put(k.toString(), value);
        });
        return values;
    }

    /** Typed access with a clear message for a bad value. */
    private record Values(Map<String, String> values) {
        String text(String key, String fallback) {
            return values.getOrDefault(key, fallback);
        }

        /** One of {@code allowed}, compared without regard to case; the message lists them. */
        String choice(String key, String fallback, String... allowed) {
            String value = values.getOrDefault(key, fallback).trim().toLowerCase(Locale.ROOT);
            for (String a : allowed) {
                if (a.equals(value)) return a;
            }
            throw new ConfigurationException(key + " must be one of " + String.join(", ", allowed));
        }

        Optional<String> optional(String key) {
            return Optional.ofNullable(values.get(key));
        }

        int integer(String key, int fallback, int min, int max) {
            String raw = values.get(key);
            if (raw == null) return fallback;
            try {
                int value = Integer.parseInt(raw.trim());
                if (value < min || value > max) {
                    throw new ConfigurationException(key + " must be between " + min + " and " + max);
                }
                return value;
            } catch (NumberFormatException e) {
                throw new ConfigurationException(key + " must be a whole number");
            }
        }
    }
}
