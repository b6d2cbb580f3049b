package dev.faaslab.logs;

/**
 * One line of a function's log, as CloudWatch Logs stores it.
 *
 * @param sequence    increases by one per line of the function, so a reader can ask for what is new
 * @param epochMillis when it was written
 * @param requestId   the invocation it belongs to
 * @param version     the function version that ran
 * @param text        the line: START/END/REPORT, or what the function logged
 */
public record LogEntry(long sequence, long epochMillis, String requestId, String version, String text) {
}
