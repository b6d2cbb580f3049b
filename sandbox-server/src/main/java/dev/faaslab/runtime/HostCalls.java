package dev.faaslab.runtime;

import dev.faaslab.time.Clock;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * The only ways out of a guest: three host functions handed to the bootstrap. Everything else the
 * sandbox refuses.
 */
final class HostCalls {

    /** {@code record(level, message)}: one whole log record (console.log, a logging call). */
    final ProxyExecutable record;
    /** {@code write(level, text)}: a piece of a stream (print writes its text and its newline apart). */
    final ProxyExecutable write;
    /** {@code now()}: the one clock's wall time in milliseconds, for timers and remaining time. */
    final ProxyExecutable now;

    HostCalls(LogSink sink, Clock clock) {
        this.record = args -> {
            sink.record(LogLevel.fromGuest(args[0].asString()), args[1].asString());
            return null;
        };
        this.write = args -> {
            sink.write(LogLevel.fromGuest(args[0].asString()), args[1].asString());
            return null;
        };
        this.now = args -> clock.epochMillis();
    }
}
