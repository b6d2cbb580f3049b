package dev.faaslab.platform;

/**
 * The outcome of asking for a concurrency slot: a throttle, or a slot from the function's reservation
 * or from the workspace's unreserved pool (released to the same place it came from).
 */
record Admission(Throttle throttle, boolean reserved) {

    static final Admission RESERVED = new Admission(null, true);
    static final Admission UNRESERVED = new Admission(null, false);
}
