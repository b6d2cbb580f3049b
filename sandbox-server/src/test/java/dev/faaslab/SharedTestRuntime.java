package dev.faaslab;

import dev.faaslab.runtime.FunctionRuntime;
import dev.faaslab.time.Clock;

/** One function runtime for the whole test JVM, as a server has one: GraalPy's one-time start is paid once. */
public final class SharedTestRuntime {

    private static final FunctionRuntime SHARED = new FunctionRuntime(Clock.system(), dev.faaslab.style.Styles.all());

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(SHARED::close));
    }

    private SharedTestRuntime() {
    }

    public static FunctionRuntime get() {
        return SHARED;
    }
}
