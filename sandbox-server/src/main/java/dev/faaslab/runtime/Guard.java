package dev.faaslab.runtime;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The watchdog's hold on one running stretch of guest code (an init or an invocation). Exactly one of
 * two things happens to it: the code finishes and the guard is released, or a limit trips it first and
 * the guest is stopped. Whoever loses that race can tell.
 */
final class Guard {

    private enum Status { ACTIVE, RELEASED, TRIPPED }

    final long threadId;
    final Thread thread;
    /** The thread's id in the operating system, to lower its CPU priority by; -1 when priorities are not used. */
    final int nativeId;
    private final CpuPriority priority;
    /** Whether its thread runs at the lowest CPU priority now (it ran long); put back at {@link #release}. */
    private boolean low;
    final long deadlineNanos;
    final long memoryBudgetBytes;
    private final Runnable stop;
    private final Watchdog watchdog;
    private final AtomicReference<Status> status = new AtomicReference<>(Status.ACTIVE);
    private volatile Limit tripped;
    private boolean released;
    /** The context this code runs in, measured when its allocations could have taken it past its limit; or null. */
    final RetainedMemory memory;
    /** The engine's sandbox controls, to halt the thread with; or null. */
    private final SandboxControl control;
    /** The thread's allocation counter when the code started. */
    final long allocationBaseline;
    /**
     * For deciding when to measure running code again: what it was last measured holding while it ran
     * (-1: not yet), and the thread's allocation counter then. A measurement taken while code runs can
     * miss an object only its current frame refers to, so it decides whether to stop the code, but the
     * instance's own accounts (RetainedMemory) start again only from a measurement taken once it stopped.
     */
    volatile long runningHeld = -1;
    /** Set when a limit trips: a measurement still walking the context (the guest waits for it) gives up. */
    final java.util.concurrent.atomic.AtomicBoolean walkCancelled = new java.util.concurrent.atomic.AtomicBoolean();
    volatile long runningBaseline;
    volatile boolean measuring;
    /** The measurement under way while {@link #measuring}, and when it was asked for (the clock's nanoseconds). */
    volatile java.util.concurrent.Future<Void> measurement;
    volatile long measureStartedNanos;
    /** What the context was last measured holding, for the watchdog to take as its estimate; -1 once taken. */
    volatile long measuredRetained = -1;

    // Kept by the watchdog thread only: the thread's allocation counter at the last heap reading, and
    // this guard's share of the live-heap growth since its first reading.
    long allocatedAtReading;
    boolean hasReading;
    long window;
    long retainedEstimate;

    // Kept by the watchdog thread only: when it started (the clock's nanoseconds), and its thread's CPU time
    // when it was first seen running long (-1: not yet).
    final long startNanos;
    long cpuBaseline = -1;
    /** Whether it has been lowered (or tried): it is not checked again. */
    boolean lowered;

    Guard(Watchdog watchdog, Thread thread, long startNanos, long deadlineNanos, long memoryBudgetBytes, Runnable stop,
          RetainedMemory memory, SandboxControl control, long allocationBaseline, CpuPriority priority) {
        this.watchdog = watchdog;
        this.startNanos = startNanos;
        this.priority = priority;
        this.nativeId = priority == null ? -1 : priority.currentNativeId();
        this.control = control;
        this.thread = thread;
        this.threadId = thread.threadId();
        this.memory = memory;
        this.allocationBaseline = allocationBaseline;
        this.runningBaseline = allocationBaseline;
        this.deadlineNanos = deadlineNanos;
        this.memoryBudgetBytes = memoryBudgetBytes;
        this.stop = stop;
    }

    /** Called by the watchdog; returns whether this call tripped it (and so must stop the guest). */
    boolean trip(Limit limit) {
        if (status.compareAndSet(Status.ACTIVE, Status.TRIPPED)) {
            tripped = limit;
            return true;
        }
        return false;
    }

    void stopGuest() {
        stop.run();
    }

    /**
     * For a tripped guard whose code has not stopped soon after: interrupts the thread (big-number
     * arithmetic checks the flag: dev.faaslab.agent) and halts it (every guest function it enters throws:
     * SandboxControl), unless the guard was released meanwhile. Both are undone by {@link #release}, on
     * the thread itself, before it serves anything else.
     */
    void insist() {
        synchronized (this) {
            if (!released) {
                thread.interrupt();
                if (control != null) {
                    control.halt(thread);
                }
            }
        }
    }

    /**
     * Moves its thread to the lowest CPU priority for the rest of this run, unless the run is over (a pooled
     * thread must not serve its next request low); whether it is low now.
     */
    synchronized boolean lower() {
        if (!released && !low && priority != null) {
            low = priority.lower(nativeId);
        }
        return low;
    }

    /** Whether its code has stopped running (the guard was released, by the thread that ran it). */
    synchronized boolean ended() {
        return released;
    }

    /** Ends the watch; returns the limit that tripped first, or null if the code finished in time. */
    Limit release() {
        watchdog.forget(this);
        status.compareAndSet(Status.ACTIVE, Status.RELEASED);
        boolean wasLowered;
        synchronized (this) {
            released = true;
            wasLowered = low;
            low = false;
        }
        if (wasLowered) {
            priority.restore(nativeId);
        }
        if (tripped != null && Thread.currentThread() == thread) {
            // Nothing comes after the release: the thread goes on clean to serve something else.
            Thread.interrupted();
            if (control != null) {
                control.release(thread);
            }
        }
        return tripped;
    }
}
