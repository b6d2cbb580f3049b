package dev.faaslab.runtime;

import dev.faaslab.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The log of one invocation, capped so that a function printing in a loop cannot fill the server.
 * Whole records (console.log) and stream fragments (Python's print) both arrive here; fragments are
 * joined into lines per level.
 */
final class LogBuffer {

    /** Per invocation, as the issue asks; Lambda itself has no cap but CloudWatch bills by the byte. */
    static final int DEFAULT_CAP_BYTES = 256 * 1024;

    private final Clock clock;
    private final String requestId;
    private final int capBytes;
    private final List<LogLine> lines = new ArrayList<>();
    private final Map<LogLevel, StringBuilder> partial = new EnumMap<>(LogLevel.class);
    private int usedBytes;
    private boolean truncated;

    LogBuffer(Clock clock, String requestId, int capBytes) {
        this.clock = clock;
        this.requestId = requestId;
        this.capBytes = capBytes;
    }

    synchronized void record(LogLevel level, String message) {
        if (truncated) {
            return;
        }
        int size = message.length() + 1;
        if (usedBytes + size > capBytes) {
            truncated = true;
            int room = Math.max(0, capBytes - usedBytes - 1);
            if (room > 0) {
                lines.add(new LogLine(clock.epochMillis(), requestId, level, message.substring(0, room)));
            }
            lines.add(new LogLine(clock.epochMillis(), requestId, LogLevel.WARN,
                    "[FaaS Lab] log output truncated: this invocation wrote more than " + capBytes / 1024
                            + " KB of logs, and the rest was dropped. Log less, or log a summary instead of every item."));
            return;
        }
        usedBytes += size;
        lines.add(new LogLine(clock.epochMillis(), requestId, level, message));
    }

    /** The invocation's error, as the runtime logs it; kept even when the cap was reached. */
    synchronized void recordError(FunctionError error) {
        lines.add(new LogLine(clock.epochMillis(), requestId, LogLevel.ERROR, error.describe()));
    }

    /** A piece of a stream (print's text and its newline come separately); lines end at '\n'. */
    synchronized void write(LogLevel level, String fragment) {
        if (truncated) {
            return;
        }
        StringBuilder pending = partial.computeIfAbsent(level, l -> new StringBuilder());
        int start = 0;
        int newline;
        while ((newline = fragment.indexOf('\n', start)) >= 0) {
            pending.append(fragment, start, newline);
            record(level, pending.toString());
            pending.setLength(0);
            start = newline + 1;
        }
        pending.append(fragment, start, fragment.length());
        if (pending.length() > capBytes) {
            record(level, pending.toString());
            pending.setLength(0);
        }
    }

    /** Flushes unfinished lines and returns everything logged. */
    synchronized List<LogLine> drain() {
        for (Map.Entry<LogLevel, StringBuilder> entry : partial.entrySet()) {
            if (!entry.getValue().isEmpty()) {
                record(entry.getKey(), entry.getValue().toString());
                entry.getValue().setLength(0);
            }
        }
        return List.copyOf(lines);
    }

    synchronized boolean truncated() {
        return truncated;
    }
}
