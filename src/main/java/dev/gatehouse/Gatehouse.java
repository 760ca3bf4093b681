package dev.gatehouse;

import dev.gatehouse.config.ConfigurationException;
import dev.gatehouse.config.Settings;
import dev.gatehouse.domain.Actor;
import dev.gatehouse.domain.ConflictException;
import dev.gatehouse.domain.NotFoundException;
import dev.gatehouse.domain.ValidationException;
import dev.gatehouse.admin.UserService;
import dev.gatehouse.crypto.CryptoProviders;
import dev.gatehouse.crypto.RandomValues;
import dev.gatehouse.store.Database;
import dev.gatehouse.web.Server;
import io.javalin.Javalin;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** The command line: {@code serve} (the default), {@code migrate}, {@code tenant|client|user create}. */
@Command(name = "gatehouse", mixinStandardHelpOptions = true, version = "Gatehouse 0.1.0",
        description = "Multi-tenant OAuth 2.0 / OpenID Connect authorization server.",
        subcommands = {Gatehouse.Serve.class, Gatehouse.Migrate.class, Gatehouse.TenantCommand.class,
                Gatehouse.ClientCommand.class, Gatehouse.UserCommand.class})
public final class Gatehouse implements Callable<Integer> {

    public static void main(String[] args) {
        configureLogging();
        if (servesHttp(args)) preloadNativeCrypto();
        int code = args.length == 0 || List.of(args).equals(List.of("serve")) ? serve() : commandLine().execute(args);
        if (code != 0 || !servesHttp(args)) System.exit(code);
    }

    /** Plain {@code serve} takes no options, so it skips building the parser (a few hundred ms of reflection). */
    private static int serve() {
        try {
            return new Serve().call();
        } catch (Exception e) {
            if (isUsageError(e)) {
                System.err.println("gatehouse: " + describe(e));
                return 2;
            }
            e.printStackTrace();
            return 1;
        }
    }

    private static CommandLine commandLine() {
        var cli = new CommandLine(new Gatehouse());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (!isUsageError(e)) throw e;
            cmd.getErr().println("gatehouse: " + describe(e));
            return 2;
        });
        return cli;
    }

    private static boolean isUsageError(Exception e) {
        return e instanceof ConfigurationException || e instanceof ValidationException
                || e instanceof ConflictException || e instanceof NotFoundException;
    }

    @Override
    public Integer call() throws Exception {
        return new Serve().call();
    }

    /** Starts the server and blocks until the process is asked to stop. */
    @Command(name = "serve", description = "Migrate the database, bootstrap an empty one, and serve HTTP.")
    static final class Serve implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            var app = new Application(Settings.fromEnvironment());
            Javalin server = start(app);
            var stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.stop();
                app.close();
                stopped.countDown();
            }, "gatehouse-shutdown"));
            stopped.await();
            return 0;
        }
    }

    /**
     * Registers the console, bootstraps an empty database, starts HTTP and logs the ready line. The
     * routes and Jetty are set up first, while the database may still be opening.
     */
    public static Javalin start(Application app) {
        Javalin server = Server.create(app);
        app.revokedAccessTokens().load();
        app.consoleClient().ensureRegistered();
        app.bootstrap().run(System.out);
        app.changeFeed().start();
        app.housekeeping().start();
        app.keyService().start();
        server.start();
        LoggerFactory.getLogger(Gatehouse.class).info("Gatehouse ready on {}", app.settings().baseUrl());
        return server;
    }

    @Command(name = "migrate", description = "Bring the database schema to the newest version and exit.")
    static final class Migrate implements Callable<Integer> {
        @Override
        public Integer call() {
            try (var db = Database.open(Settings.fromEnvironment())) {
                db.migrate();
            }
            System.out.println("database schema is up to date");
            return 0;
        }
    }

    @Command(name = "tenant", description = "Manage tenants.", subcommands = TenantCommand.Create.class)
    static final class TenantCommand {
        @Command(name = "create", description = "Create a tenant with its built-in roles and signing key.")
        static final class Create implements Callable<Integer> {
            @Option(names = "--name", required = true, description = "URL-safe name (slug)") String name;
            @Option(names = "--display-name", description = "Display name (default: the name)") String displayName;

            @Override
            public Integer call() {
                try (var app = new Application(Settings.fromEnvironment())) {
                    var tenant = app.tenantService().create(name, displayName, Actor.system("cli"));
                    System.out.println("tenant " + tenant.name() + " created with id " + tenant.id());
                }
                return 0;
            }
        }
    }

    @Command(name = "client", description = "Manage API clients.", subcommands = ClientCommand.Create.class)
    static final class ClientCommand {
        @Command(name = "create", description = "Create a tenant's API client; prints its secret once.")
        static final class Create implements Callable<Integer> {
            @Option(names = "--tenant", required = true, description = "Tenant id or name") String tenant;
            @Option(names = "--name", description = "Client name") String name;
            @Option(names = "--client-id", description = "Client id (default: generated)") String clientId;
            @Option(names = "--client-credentials", description = "Allow the client_credentials grant") boolean cc;
            @Option(names = "--ropc", description = "Allow the password grant") boolean ropc;
            @Option(names = "--public", description = "A public client: no secret") boolean publicClient;
            @Option(names = "--role", description = "A role for client_credentials tokens (repeatable)") List<String> roles = new ArrayList<>();
            @Option(names = "--redirect-uri", description = "A redirect URI (repeatable)") List<String> redirectUris = new ArrayList<>();

            @Override
            public Integer call() {
                try (var app = new Application(Settings.fromEnvironment())) {
                    var t = app.tenantService().get(tenant);
                    var draft = app.clientService().draft(t);
                    draft.clientId = clientId;
                    draft.clientName = name;
                    draft.allowClientCredentials = cc;
                    draft.allowRopc = ropc;
                    draft.requireClientSecret = !publicClient;
                    draft.roles = roles;
                    draft.redirectUris = redirectUris;
                    var saved = app.clientService().create(t, draft, Actor.system("cli"));
                    System.out.println("Client ID:     " + saved.client().clientId());
                    saved.firstSecret().ifPresent(s -> System.out.println("Client Secret: " + s.value()
                            + "   (shown once; expires " + s.secret().expiration() + ")"));
                    saved.warnings().forEach(w -> System.out.println("warning: " + w));
                }
                return 0;
            }
        }
    }

    @Command(name = "user", description = "Manage users.", subcommands = UserCommand.Create.class)
    static final class UserCommand {
        @Command(name = "create", description = "Create a user; the password is read from standard input or generated.")
        static final class Create implements Callable<Integer> {
            @Option(names = "--tenant", required = true, description = "Tenant id or name") String tenant;
            @Option(names = "--email", required = true) String email;
            @Option(names = "--display-name") String displayName;
            @Option(names = "--role", description = "A role (repeatable)") List<String> roles = new ArrayList<>();
            @Option(names = "--password-stdin", description = "Read the password from standard input") boolean passwordStdin;

            @Override
            public Integer call() throws Exception {
                String password = passwordStdin
                        ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine()
                        : RandomValues.alphanumeric(20);
                try (var app = new Application(Settings.fromEnvironment())) {
                    var t = app.tenantService().get(tenant);
                    var user = app.userService().create(t, new UserService.Changes(Optional.of(email),
                            Optional.ofNullable(displayName), Optional.ofNullable(password), Optional.of(roles),
                            Optional.of(true)), false, Actor.system("cli"));
                    System.out.println("user " + user.email() + " created with id " + user.id());
                    if (!passwordStdin) System.out.println("password: " + password + "   (shown once)");
                }
                return 0;
            }
        }
    }

    /** serve (or no command) returns only once the process is stopping; every other command exits. */
    private static boolean servesHttp(String[] args) {
        return args.length == 0 || args[0].equals("serve");
    }

    private static String describe(Exception e) {
        if (e instanceof ValidationException v) return "invalid input: " + v.errors();
        return e.getMessage();
    }

    /** The native crypto provider loads while the rest of the start runs (it takes a few hundred ms). */
    private static void preloadNativeCrypto() {
        try {
            if (Settings.fromEnvironment().nativeCrypto()) CryptoProviders.preload();
        } catch (ConfigurationException reportedLater) {
            // The server reads its settings again and reports the error.
        }
    }

    /** JSON logs when GATEHOUSE_LOG_FORMAT=json; read before the first logger is made. */
    private static void configureLogging() {
        if ("json".equalsIgnoreCase(System.getenv("GATEHOUSE_LOG_FORMAT"))
                && System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "logback-json.xml");
        }
    }
}
