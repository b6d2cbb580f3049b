package dev.faaslab.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests, from Debian's {@code postgresql} package: one per test JVM,
 * started on first use in a temporary directory on a free port, stopped (and its files deleted) when the
 * JVM exits. Each data directory a test opens gets a database of its own, copied from a migrated template,
 * so that tests see no one else's rows and reopening a directory finds its own data, as with H2.
 */
public final class TestPostgres {

    /** The user initdb makes the superuser, trusted without a password on 127.0.0.1. */
    public static final String USER = "faaslab";
    private static final String TEMPLATE = "faaslab_template";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static TestPostgres server;

    private final Path root;
    private final int port;
    private final Process postgres;
    private final Map<Path, String> databases = new ConcurrentHashMap<>();
    private final AtomicInteger created = new AtomicInteger();

    private TestPostgres(Path root, int port, Process postgres) {
        this.root = root;
        this.port = port;
        this.postgres = postgres;
    }

    /** The server, started the first time a test asks. */
    public static synchronized TestPostgres get() {
        if (server == null) {
            server = start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "test-postgresql-stop"));
        }
        return server;
    }

    /** FaaS Lab's database for {@code directory}: created (migrated) the first time, the same one after. */
    public Database open(Path directory) {
        return Database.open(directory, url(directory));
    }

    /** The URL of the database for {@code directory}, which is created (migrated) the first time. */
    public PostgresUrl url(Path directory) {
        return url(databases.computeIfAbsent(directory.toAbsolutePath().normalize(), ignored -> {
            String fresh = "test_" + created.incrementAndGet();
            execute("CREATE DATABASE " + fresh + " TEMPLATE " + TEMPLATE);
            return fresh;
        }));
    }

    /** A URL for the database {@code name} on this server, which may not exist yet. */
    public PostgresUrl url(String name) {
        return new PostgresUrl(USER, null, "127.0.0.1", port, name, "");
    }

    public int port() {
        return port;
    }

    /** Runs one statement in the server's {@code postgres} database, as its superuser. */
    public void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(url("postgres").jdbcUrl(), USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("the test PostgreSQL server refused '" + sql + "': " + e.getMessage(), e);
        }
    }

    /**
     * Runs one of PostgreSQL's programs (createdb, psql ...) from the same installation, with the
     * environment variables that point it at this server.
     */
    public ProcessBuilder program(String name, String... arguments) {
        List<String> command = new ArrayList<>(List.of(binaries().resolve(name).toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PGHOST", "127.0.0.1");
        builder.environment().put("PGPORT", String.valueOf(port));
        builder.environment().put("PGUSER", USER);
        return builder;
    }

    private static TestPostgres start() {
        Path bin = binaries();
        try {
            Path root = Files.createTempDirectory("faaslab-postgresql-");
            List<String> as = runAs(root);
            run(root, command(as, bin.resolve("initdb").toString(), "-D", root.resolve("data").toString(),
                    "-A", "trust", "-U", USER, "-E", "UTF8", "--locale=C", "--no-sync"));
            int port = freePort();
            // fsync off: a test machine's crash loses nothing a test needs; the server process is killed, not
            // the machine, so committed rows still survive a kill -9 of the client.
            Process postgres = new ProcessBuilder(command(as, bin.resolve("postgres").toString(),
                    "-D", root.resolve("data").toString(), "-p", String.valueOf(port), "-k", root.toString(),
                    "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "full_page_writes=off",
                    "-c", "max_connections=300", "-c", "shared_buffers=32MB"))
                    .redirectErrorStream(true).redirectOutput(root.resolve("postgresql.log").toFile()).start();
            TestPostgres server = new TestPostgres(root, port, postgres);
            server.awaitReady();
            // The template every test's database is copied from: migrated once, so each copy opens at once.
            server.execute("CREATE DATABASE " + TEMPLATE + " TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'");
            Database.open(root.resolve("template-files"), server.url(TEMPLATE)).close();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test PostgreSQL server: " + e.getMessage(), e);
        }
    }

    /**
     * The newest installed PostgreSQL's bin directory.
     *
     * @throws IllegalStateException when there is none: the PostgreSQL half of the store tests must fail, not skip
     */
    static Path binaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("postgres")))
                    .max(Comparator.comparing(bin -> version(bin.getParent().getFileName().toString())))
                    .orElseThrow(TestPostgres::notInstalled);
        } catch (IOException e) {
            throw notInstalled();
        }
    }

    private static int version(String name) {
        return name.matches("\\d+") ? Integer.parseInt(name) : 0;
    }

    private static IllegalStateException notInstalled() {
        return new IllegalStateException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb), and the"
                + " store contract tests run every store against a real one: install it with"
                + " `apt-get install postgresql` (Debian's package; .ci/run does this), then run the tests again");
    }

    /** PostgreSQL refuses to run as root: as root, run it as the postgres user Debian's package creates. */
    private static List<String> runAs(Path root) throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return List.of();
        }
        UserPrincipal postgres;
        try {
            postgres = root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        } catch (IOException e) {
            throw new IllegalStateException("the tests run as root, as whom PostgreSQL will not run, and there is no"
                    + " 'postgres' user to run it as: reinstall Debian's postgresql package, or run the tests as"
                    + " another user", e);
        }
        Files.setOwner(root, postgres);
        // setpriv, unlike runuser, execs the program itself: the process the test holds is PostgreSQL's own,
        // so a signal to it reaches the server.
        return List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--");
    }

    private static List<String> command(List<String> as, String... command) {
        List<String> all = new ArrayList<>(as);
        all.addAll(List.of(command));
        return all;
    }

    private static void run(Path root, List<String> command) throws IOException {
        Path log = root.resolve(Path.of(command.get(command.size() - 1)).getFileName() + ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.getFirst(), e);
        }
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline && postgres.isAlive()) {
            try (Connection ignored = DriverManager.getConnection(url("postgres").jdbcUrl(), USER, "")) {
                return;
            } catch (SQLException e) {
                last = e;
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        stop();
        throw new IllegalStateException("the test PostgreSQL server did not start (" + (last == null ? "it exited"
                : last.getMessage()) + "); its log: " + Files.readString(root.resolve("postgresql.log")), last);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Stops the server at once (its data is thrown away) and deletes its directory. */
    private void stop() {
        try {
            // SIGTERM (destroy) is PostgreSQL's smart shutdown, which waits for clients still connected from
            // pools a test left open; SIGQUIT is its immediate one.
            new ProcessBuilder("kill", "-QUIT", String.valueOf(postgres.pid())).start().waitFor();
            if (!postgres.waitFor(10, TimeUnit.SECONDS)) {
                postgres.destroyForcibly();
            }
        } catch (IOException e) {
            postgres.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is no reason to fail a finished run.
        }
    }
}
