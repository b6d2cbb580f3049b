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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server from Debian's {@code postgresql} package: initdb in a temporary directory, then
 * {@code postgres} on a free port of 127.0.0.1, trusting its one user without a password; stopping it deletes
 * it all. The store tests run on one ({@code TestPostgres}), and so does {@code faaslab bench classroom}: main
 * code for the bench, beside the {@link Database} it serves.
 * fsync is off: a crash of the machine would lose it, which neither a test nor a benchmark minds.
 */
public final class LocalPostgres implements AutoCloseable {

    /** The user initdb makes the superuser, trusted without a password on 127.0.0.1. */
    public static final String USER = "faaslab";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path root;
    private final int port;
    private final Process postgres;

    private LocalPostgres(Path root, int port, Process postgres) {
        this.root = root;
        this.port = port;
        this.postgres = postgres;
    }

    /**
     * Starts a new server and waits until it takes connections.
     *
     * @throws IllegalStateException when PostgreSQL is not installed, or does not start (saying why)
     */
    public static LocalPostgres start() {
        Path bin = binaries();
        try {
            Path root = Files.createTempDirectory("faaslab-postgresql-");
            List<String> as = runAs(root);
            run(root, command(as, bin.resolve("initdb").toString(), "-D", root.resolve("data").toString(),
                    "-A", "trust", "-U", USER, "-E", "UTF8", "--locale=C", "--no-sync"));
            int port = freePort();
            // fsync off: the server process may be killed, not the machine, so committed rows still survive a
            // kill -9 of the client.
            Process postgres = new ProcessBuilder(command(as, bin.resolve("postgres").toString(),
                    "-D", root.resolve("data").toString(), "-p", String.valueOf(port), "-k", root.toString(),
                    "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "full_page_writes=off",
                    "-c", "max_connections=300", "-c", "shared_buffers=32MB"))
                    .redirectErrorStream(true).redirectOutput(root.resolve("postgresql.log").toFile()).start();
            LocalPostgres server = new LocalPostgres(root, port, postgres);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** A URL for the database {@code name} on this server, which may not exist yet. */
    public PostgresUrl url(String name) {
        return new PostgresUrl(USER, null, "127.0.0.1", port, name, "");
    }

    public int port() {
        return port;
    }

    /** The server's process (PostgreSQL's own, not a wrapper's: a signal to it reaches the server). */
    public Process process() {
        return postgres;
    }

    /** Runs one statement in the server's {@code postgres} database, as its superuser. */
    public void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(url("postgres").jdbcUrl(), USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused '" + sql + "': " + e.getMessage(), e);
        }
    }

    /**
     * The newest installed PostgreSQL's bin directory.
     *
     * @throws IllegalStateException when there is none
     */
    public static Path binaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("postgres")))
                    .max(Comparator.comparing(bin -> version(bin.getParent().getFileName().toString())))
                    .orElseThrow(LocalPostgres::notInstalled);
        } catch (IOException e) {
            throw notInstalled();
        }
    }

    private static int version(String name) {
        return name.matches("\\d+") ? Integer.parseInt(name) : 0;
    }

    private static IllegalStateException notInstalled() {
        return new IllegalStateException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): install"
                + " Debian's package with `apt-get install postgresql`");
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
            throw new IllegalStateException("this runs as root, as whom PostgreSQL will not run, and there is no"
                    + " 'postgres' user to run it as: reinstall Debian's postgresql package, or run as another user", e);
        }
        Files.setOwner(root, postgres);
        // setpriv, unlike runuser, execs the program itself: the process held is PostgreSQL's own, so a signal
        // to it reaches the server.
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
        String log = Files.readString(root.resolve("postgresql.log"));
        close();
        throw new IllegalStateException("PostgreSQL did not start (" + (last == null ? "it exited"
                : last.getMessage()) + "); its log: " + log, last);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Stops the server at once (its data is thrown away) and deletes its directory. */
    @Override
    public void close() {
        try {
            // SIGTERM (destroy) is PostgreSQL's smart shutdown, which waits for clients still connected from
            // pools left open; SIGQUIT is its immediate one.
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
