package dev.faaslab.grader;

import dev.faaslab.platform.PlatformLimits;
import dev.faaslab.runtime.FunctionRuntime;
import dev.faaslab.time.Clock;
import dev.faaslab.wiring.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One real sandbox (an H2 file database in a temporary folder, the platform, both language engines) for the
 * whole test JVM, as a batch shares one: GraalPy's start is paid once. Every submission gets its own
 * workspace in it, so tests cannot see each other's functions.
 */
public final class SharedSandbox {

    private static final Sandbox SANDBOX = open();

    private SharedSandbox() {
    }

    public static Sandbox get() {
        return SANDBOX;
    }

    public static Grader grader() {
        return Grader.on(SANDBOX);
    }

    /** The exercises of this repository. */
    public static Exercises exercises() {
        return new Exercises(Path.of(System.getProperty("faaslab.home", "..")).resolve("exercises"));
    }

    public static Exercise exercise(String id) {
        return exercises().find(id).orElseThrow(() -> new AssertionError("no exercise " + id));
    }

    private static Sandbox open() {
        try {
            Path data = Files.createTempDirectory("faaslab-grader-test");
            FunctionRuntime runtime = new FunctionRuntime(Clock.system(), dev.faaslab.style.Styles.all());
            Sandbox sandbox = Sandbox.open(data, Clock.system(), runtime, PlatformLimits.DEFAULT);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                sandbox.close();
                runtime.close();
            }));
            return sandbox;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
