package dev.faaslab.cli;

import dev.faaslab.runtime.FunctionError;

/** The CLI's exit codes: one per way an invocation can end, so scripts and graders can tell them apart. */
public final class ExitCode {

    public static final int OK = 0;
    public static final int FUNCTION_ERROR = 1;
    public static final int USAGE = 2;
    public static final int TIMEOUT = 3;
    public static final int MEMORY_LIMIT = 4;
    public static final int SYNTAX_ERROR = 5;
    public static final int INIT_ERROR = 6;
    public static final int CANNOT_START = 7;
    public static final int INTERNAL = 70;

    /** The table shown in {@code --help} and the README. */
    public static final String TABLE = """
            Exit codes:
              0  the function returned a result
              1  the function threw or returned an error
              2  bad usage: unknown option, unreadable file, malformed or oversize event
              3  the function timed out
              4  the function exceeded its memory size
              5  the code has a syntax error
              6  the module did not load: missing handler, refused import, top-level throw
              7  start: the server cannot start (port in use, data directory or database unusable)
             70  FaaS Lab itself failed (please report it)""";

    private ExitCode() {
    }

    public static int of(FunctionError error) {
        if (error == null) {
            return OK;
        }
        return switch (error.kind()) {
            case FUNCTION -> FUNCTION_ERROR;
            case TIMEOUT -> TIMEOUT;
            case MEMORY -> MEMORY_LIMIT;
            case SYNTAX -> SYNTAX_ERROR;
            case INIT -> INIT_ERROR;
        };
    }
}
