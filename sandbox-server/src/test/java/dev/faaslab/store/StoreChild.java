package dev.faaslab.store;

import dev.faaslab.core.WorkspaceId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A second FaaS Lab process for the tests: one that holds the database open while another tries to, or
 * one that saves functions until it is killed. Each line it prints is a fact the parent may rely on.
 */
final class StoreChild {

    /** Far more than a test waits for: the parent kills the child long before. */
    private static final int MAX_SAVES = 100_000;

    private StoreChild() {
    }

    /**
     * {@code save DIR}: saves f-0, f-1, … printing {@code ACK f-N} after each save returns.
     * {@code hold DIR}: opens the database, prints {@code OPEN}, closes it when stdin ends, prints {@code CLOSED}.
     * {@code save DIR URL}: saves as {@code save DIR} does, to the PostgreSQL database at {@code URL}.
     */
    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args[1]);
        switch (args[0]) {
            case "save" -> save(() -> args.length > 2 ? Database.open(directory, PostgresUrl.parse(args[2]))
                    : Database.open(directory));
            case "hold" -> hold(directory);
            default -> throw new IllegalArgumentException("unknown mode " + args[0] + ": use save or hold");
        }
    }

    /** Starts {@code main} in a JVM of its own, with its standard error going to {@code stderr}. */
    static Process start(String mode, Path directory, Path stderr, String... more) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot tell which java runs this test"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), StoreChild.class.getName(), mode, directory.toString()));
        command.addAll(List.of(more));
        return new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    }

    private static void save(Supplier<Database> opening) {
        // If the test's JVM dies, stdin ends: stop rather than linger as an orphan.
        Thread watcher = new Thread(() -> {
            drain(System.in);
            Runtime.getRuntime().halt(3);
        });
        watcher.setDaemon(true);
        watcher.start();
        try (Database database = opening.get()) {
            JdbcFunctionStore store = new JdbcFunctionStore(database.dataSource());
            for (int i = 0; i < MAX_SAVES; i++) {
                String name = "f-" + i;
                store.save(WorkspaceId.LOCAL, Specs.js(name), Instant.now());
                System.out.println("ACK " + name);
                System.out.flush();
            }
        }
        System.out.println("DONE");
    }

    private static void hold(Path directory) {
        Database database = Database.open(directory);
        try {
            System.out.println("OPEN");
            System.out.flush();
            drain(System.in);
        } finally {
            database.close();
        }
        System.out.println("CLOSED");
        System.out.flush();
    }

    private static void drain(InputStream in) {
        try {
            while (in.read() != -1) {
                // Nothing is sent; only the end matters.
            }
        } catch (IOException e) {
            // An error ends the stream as surely as its end does.
        }
    }
}
