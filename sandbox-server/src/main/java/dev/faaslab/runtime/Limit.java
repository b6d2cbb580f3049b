package dev.faaslab.runtime;

/** The limits the watchdog enforces while guest code runs. */
enum Limit {
    TIMEOUT, MEMORY
}
