package dev.faaslab.platform;

/** Instances by state: starting, running a request, and waiting for one. */
public record InstanceCounts(int initialising, int busy, int idle) {

    public static final InstanceCounts NONE = new InstanceCounts(0, 0, 0);

    public int total() {
        return initialising + busy + idle;
    }

    InstanceCounts plus(InstanceCounts other) {
        return new InstanceCounts(initialising + other.initialising, busy + other.busy, idle + other.idle);
    }
}
