package dev.faaslab.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for the tests ({@link LocalPostgres}, from Debian's {@code postgresql} package): one
 * per test JVM, started on first use, stopped (and its files deleted) when the JVM exits. Each data directory a
 * test opens gets a database of its own, copied from a migrated template, so that tests see no one else's rows
 * and reopening a directory finds its own data, as with H2.
 */
public final class TestPostgres {

    /** The user initdb makes the superuser, trusted without a password on 127.0.0.1. */
    public static final String USER = LocalPostgres.USER;
    private static final String TEMPLATE = "faaslab_template";
    private static TestPostgres server;

    private final LocalPostgres postgres;
    private final Map<Path, String> databases = new ConcurrentHashMap<>();
    private final AtomicInteger created = new AtomicInteger();

    private TestPostgres(LocalPostgres postgres) {
        this.postgres = postgres;
    }

    /** The server, started the first time a test asks. */
    public static synchronized TestPostgres get() {
        if (server == null) {
            server = start();
            Runtime.getRuntime().addShutdownHook(new Thread(server.postgres::close, "test-postgresql-stop"));
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
        return postgres.url(name);
    }

    public int port() {
        return postgres.port();
    }

    /** Runs one statement in the server's {@code postgres} database, as its superuser. */
    public void execute(String sql) {
        postgres.execute(sql);
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
        builder.environment().put("PGPORT", String.valueOf(postgres.port()));
        builder.environment().put("PGUSER", USER);
        return builder;
    }

    private static TestPostgres start() {
        LocalPostgres postgres;
        try {
            postgres = LocalPostgres.start();
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; the store contract tests run every store against a"
                    + " real PostgreSQL (.ci/run installs it), then run the tests again", e);
        }
        TestPostgres server = new TestPostgres(postgres);
        // The template every test's database is copied from: migrated once, so each copy opens at once.
        server.execute("CREATE DATABASE " + TEMPLATE + " TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'");
        try {
            Path files = Files.createTempDirectory("faaslab-template-files");
            Database.open(files, server.url(TEMPLATE)).close();
            try (var paths = Files.walk(files)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }

    /**
     * The newest installed PostgreSQL's bin directory.
     *
     * @throws IllegalStateException when there is none: the PostgreSQL half of the store tests must fail, not skip
     */
    static Path binaries() {
        return LocalPostgres.binaries();
    }
}
