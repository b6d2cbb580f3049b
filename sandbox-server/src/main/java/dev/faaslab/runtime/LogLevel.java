package dev.faaslab.runtime;

import java.util.Locale;

/** The level of a captured log line; console.error is ERROR, Python's print is INFO. */
public enum LogLevel {
    TRACE, DEBUG, INFO, WARN, ERROR, FATAL;

    /** Reads a guest's level name, Python's ({@code WARNING}, {@code CRITICAL}) included. */
    static LogLevel fromGuest(String name) {
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "TRACE" -> TRACE;
            case "DEBUG" -> DEBUG;
            case "WARN", "WARNING" -> WARN;
            case "ERROR" -> ERROR;
            case "FATAL", "CRITICAL" -> FATAL;
            default -> INFO;
        };
    }
}
