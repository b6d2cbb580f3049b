package dev.faaslab.runtime;

/** Why an invocation did not return a result; each has its own exit code in the CLI. */
public enum ErrorKind {
    /** The handler threw, rejected, or called back with an error (Lambda's "Unhandled"). */
    FUNCTION,
    /** The module did not load: a top-level throw, a missing handler, a refused import. */
    INIT,
    /** The code does not parse. */
    SYNTAX,
    /** The invocation ran past the function's timeout. */
    TIMEOUT,
    /** The invocation held more memory than the function's memory size. */
    MEMORY
}
