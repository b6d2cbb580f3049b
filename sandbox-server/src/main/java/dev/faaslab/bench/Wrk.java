package dev.faaslab.bench;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code wrk} load generator, run as a child process. A real load generator, not a Java client in the
 * same JVM, so that what is measured is the server: wrk is written in C, keeps its connections alive and
 * sends the next request as soon as a response arrives.
 */
public final class Wrk {

    /** What to tell someone who has no wrk. */
    public static final String INSTALL_HINT = "install it with: sudo apt-get install -y wrk";

    /** wrk stops itself at the end of its duration; one still running this long after that is stuck. */
    private static final Duration GRACE = Duration.ofSeconds(30);

    /**
     * wrk counts a response slower than its timeout (2 s by default) as a socket error and leaves it out
     * of the latencies. A slow response is a latency to report, not an error: only a stuck one is.
     */
    static final int TIMEOUT_SECONDS = 10;

    private final Path executable;

    Wrk(Path executable) {
        this.executable = executable;
    }

    /** wrk from the {@code PATH}, if it is installed. */
    public static Optional<Wrk> find() {
        return locate(System.getenv("PATH"));
    }

    /** The first executable {@code wrk} in {@code path}, a list of directories as in {@code PATH}. */
    static Optional<Wrk> locate(String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, "wrk");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(new Wrk(candidate));
            }
        }
        return Optional.empty();
    }

    Path executable() {
        return executable;
    }

    /**
     * Sends GET requests to {@code uri} on {@code connections} kept-alive connections from {@code threads}
     * threads for {@code duration}, and reads what wrk reported.
     *
     * @throws IOException when wrk cannot run, fails, or reports nothing readable
     */
    public WrkReport run(URI uri, int threads, int connections, Duration duration)
            throws IOException, InterruptedException {
        List<String> command = List.of(executable.toString(), "-t" + threads, "-c" + connections,
                "-d" + Math.max(1, duration.toSeconds()) + "s", "--timeout", TIMEOUT_SECONDS + "s", "--latency",
                uri.toString());
        // One file for both streams: wrk writes little, and its complaint (a refused connection) belongs with
        // its output. A file, not a pipe, so that a stuck wrk cannot keep this thread reading past the timeout.
        Path log = Files.createTempFile("faaslab-wrk", ".txt");
        String text;
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            try {
                if (!process.waitFor(duration.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IOException("wrk did not finish within " + duration.plus(GRACE).toSeconds() + " s");
                }
            } finally {
                process.destroyForcibly();
            }
            text = Files.readString(log, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IOException("wrk failed (exit code " + process.exitValue() + "): "
                        + String.join(" ", command) + "\n" + text);
            }
        } finally {
            Files.deleteIfExists(log);
        }
        try {
            return WrkReport.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
