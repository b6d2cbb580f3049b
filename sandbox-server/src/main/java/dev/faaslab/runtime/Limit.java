package dev.faaslab.runtime;

/** The limits the watchdog enforces while guest code runs. */
enum Limit {
    TIMEOUT,
    /** The invocation held more than its function's memory size allows. */
    MEMORY,
    /** The server itself ran short of memory, and this invocation had grown the heap the most. */
    SERVER_MEMORY
}
