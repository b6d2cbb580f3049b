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

    private final SandboxControl control;
    /** The instrument's handle on the context (null if the instrument did not see it built: then it is never measured). */
    private final Object handle;
    private final long limitBytes;
    private volatile long measuredBytes;
    private volatile long allocatedSince;

    RetainedMemory(SandboxControl control, Object handle, int memoryMb) {
        this.control = control;
        this.handle = handle;
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
    }

    /** Whether it can be measured: it can if the instrument saw its context built. */
    boolean measurable() {
        return handle != null;
    }

    /**
     * Whether the context could now hold more than its limit, given that it held at most {@code held} at
     * some point of the code still running, and that code has allocated {@code running} bytes since.
     */
    boolean mayExceed(long held, long running) {
        return held + running > limitBytes;
    }

    /** Whether the context could now hold more than its limit, given {@code running} bytes allocated by code still running. */
    boolean mayExceed(long running) {
        return measuredBytes + allocatedSince + running > limitBytes;
    }

    /** The most the context can hold now: what it was last measured holding, plus all its code allocated since. */
    long mayHoldBytes() {
        return measuredBytes + allocatedSince;
    }

    /** Measures the context now (stopping just past the limit); returns what it holds. */
    synchronized long measure() {
        long bytes = control.retainedBytes(handle, limitBytes + 1);
        measuredBytes = bytes;
        allocatedSince = 0;
        return bytes;
    }

    /**
     * Starts measuring the context while its code runs on {@code thread}, pausing it meanwhile: {@code measured}
     * is given what it holds, on that thread, at the measurement. Returns at once; cancel the answer to give up.
     * The accounts are left as they were: running code may hold an object that only its current frame refers
     * to, which the walk does not see.
     */
    java.util.concurrent.Future<Void> measureRunning(Thread thread, java.util.function.LongConsumer measured,
                                                     java.util.concurrent.atomic.AtomicBoolean cancelled) {
        return control.retainedBytesWhileRunning(handle, thread, limitBytes + 1, measured, cancelled);
    }

    boolean exceeded(long bytes) {
        return bytes > limitBytes;
    }
}
