package dev.faaslab.runtime;

import dev.faaslab.runtime.sdk.SdkBridge;
import dev.faaslab.time.Clock;
import java.util.Locale;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * An instance's end of the SDK bridge: the one host function the {@code faaslab} module calls, with a
 * JSON request in and a JSON answer out (strings only, so no host object ever reaches the guest). It
 * gives each call the time the running init or invocation has left, and logs it:
 * {@code SDK table.put orders 1.2 ms}.
 */
final class SdkDoor {

    final ProxyExecutable executable;
    private volatile long deadlineNanos;

    SdkDoor(SdkBridge bridge, LogSink sink, Clock clock) {
        this.executable = args -> {
            String request = args.length == 1 && args[0].isString() ? args[0].asString() : null;
            long start = clock.nanoTime();
            SdkBridge.Reply reply = bridge.call(request, deadlineNanos - start);
            double ms = (clock.nanoTime() - start) / 1e6;
            sink.record(LogLevel.INFO, "SDK " + reply.label() + String.format(Locale.ROOT, " %.1f ms", ms)
                    + (reply.errorCode() == null ? "" : " " + reply.errorCode()));
            return reply.json();
        };
    }

    /** Sets when the code now starting must end; calls get what is left of it. */
    void deadline(long nanos) {
        deadlineNanos = nanos;
    }
}
