package dev.faaslab.runtime;

/**
 * What one instance's context may hold, and what it was last measured holding. Lambda gives a
 * function its memory size and stops it past that; the community edition of GraalVM cannot cap a
 * context's heap, so the instance's context is measured instead, but only when it could have grown
 * past its limit: what a context retains can only have grown by what its code allocated since the
 * last measurement. A function that churns garbage is measured once per limit's worth of allocation;
 * one that allocates little is never measured.
 */
final class RetainedMemory {

    /**
     * Over the memory size: the language's own structures for one context (a Python context retains ~9 MB
     * before any code of the function runs, a JavaScript one a few KB) and slack for what a measurement
     * cannot see yet (a buffer being filled).
     */
    static final long ALLOWANCE_BYTES = 32L << 20;

    /**
     * An instance is worth measuring once it has allocated this much in all: until then it cannot hold much,
     * and taking the instrument's handle (entering the context once) is not paid by every cold start.
     */
    static final long MEASURABLE_AFTER_BYTES = 8L << 20;

    private final SandboxControl control;
    private volatile Object handle;
    private final long limitBytes;
    private long allocatedInAll;
    private volatile long measuredBytes;
    private volatile long allocatedSince;

    RetainedMemory(SandboxControl control, int memoryMb) {
        this.control = control;
        this.limitBytes = limitFor(memoryMb);
    }

    /** One and a half times the memory size, plus {@link #ALLOWANCE_BYTES}: what an instance may hold. */
    static long limitFor(int memoryMb) {
        return memoryMb * (3L << 19) + ALLOWANCE_BYTES;
    }

    long limitBytes() {
        return limitBytes;
    }

    /** Counts what the instance's code allocated (called by the thread that ran it, once the code has stopped). */
    void allocated(long bytes) {
        allocatedSince += Math.max(0, bytes);
        allocatedInAll += Math.max(0, bytes);
    }

    /** Whether the instrument's handle should be taken now (call only while no guest code runs in the context). */
    boolean wantsHandle() {
        return handle == null && (allocatedInAll >= MEASURABLE_AFTER_BYTES || mayExceed(0));
    }

    void attach(Object handle) {
        this.handle = handle;
    }

    /** Whether it can be measured: the watchdog measures running code only once the handle is taken. */
    boolean measurable() {
        return handle != null;
    }

    /** Whether the context could now hold more than its limit, given {@code running} bytes allocated by code still running. */
    boolean mayExceed(long running) {
        return measuredBytes + allocatedSince + running > limitBytes;
    }

    /** Measures the context now (stopping just past the limit); returns what it holds. */
    synchronized long measure() {
        long bytes = control.retainedBytes(handle, limitBytes + 1);
        measuredBytes = bytes;
        allocatedSince = 0;
        return bytes;
    }

    boolean exceeded(long bytes) {
        return bytes > limitBytes;
    }
}
