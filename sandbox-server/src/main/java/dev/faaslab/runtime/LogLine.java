package dev.faaslab.runtime;

import java.time.Instant;

/**
 * One line a function logged, as CloudWatch would show it.
 *
 * @param epochMillis when it was written
 * @param requestId   the invocation it belongs to
 * @param level       its level
 * @param message     the text, without a trailing newline (may span lines, as one record)
 */
public record LogLine(long epochMillis, String requestId, LogLevel level, String message) {

    /** {@code 2026-11-23T09:00:00.000Z	<request id>	INFO	message}, the Node.js runtime's format. */
    public String format() {
        return Instant.ofEpochMilli(epochMillis) + "\t" + requestId + "\t" + level + "\t" + message;
    }
}
