package dev.faaslab.runtime;

import dev.faaslab.time.Clock;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that watches every running invocation, every millisecond while any runs, and stops the
 * ones that pass a limit. The community edition of GraalVM has no per-context CPU or heap limit, so
 * this is how a runaway loop or an allocation bomb ends only its own invocation.
 *
 * <p>Time: the deadline is read from the one Clock. Memory: a context's heap cannot be measured
 * directly, so it is estimated. After every garbage collection the growth of the live heap (what
 * survived) since the previous collection is shared among the running invocations in proportion to
 * what each one's thread allocated in between. An invocation whose share adds up past its memory size
 * is stopped. Garbage churn allocates much but leaves no growth to share; a bomb's growth is its own.
 * Growth before an invocation's first reading is not counted, because a collection is needed to tell
 * what an invocation inherited (a fresh context's leftovers) from what it keeps.
 *
 * <p>The readings need a collector that frees dead young objects, large arrays included, at every
 * minor collection: the Parallel collector does (the launcher and the tests select it, with a young
 * generation of 768 MB so that readings come at least every 768 MB allocated; smaller makes Python's
 * cold starts promote and slow down, larger delays the readings). G1 keeps
 * "humongous" arrays allocated during a concurrent mark alive until the mark ends, which makes a
 * garbage churner look like a bomb.
 */
final class Watchdog implements AutoCloseable {

    /**
     * The longest it sleeps while invocations run: memory estimates change only at a collection, and are
     * read this often. Deadlines are kept to the millisecond: it wakes for the earliest one. (Ticking
     * every millisecond woke a core a thousand times a second under load, for nothing.)
     */
    private static final long MAX_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MIN_SLEEP_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final long IDLE_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** How often the allocation counters of running invocations are read (a read costs about a microsecond each). */
    private static final long ALLOCATION_SCAN_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** How long a running guest may take to reach a safepoint and be measured there before the watchdog gives up on it. */
    private static final long MEASURE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /**
     * Past this share of the heap's capacity for long-lived data (HeapMonitor#capacityBytes) after a
     * collection, the server itself is in danger: the running
     * invocation with the largest estimate is stopped, whatever its own limit, before the JVM runs out and
     * fails an allocation on any thread (a web server's too).
     */
    static final int HIGH_WATER_PERCENT = 85;
    /** An invocation that could free less than this is not stopped to relieve the heap: it would cost a result for nothing. */
    static final long RELIEF_FLOOR_BYTES = 16L << 20;

    /**
     * Past this share of the heap's capacity after a collection, idle instances are reclaimed (those that may
     * hold most first) until it would be back under {@link #RECLAIM_TO_PERCENT}, as Lambda reclaims idle
     * execution environments when it needs the room: a warm instance lost costs a cold start, a running
     * invocation stopped costs a learner's result. Once done, it is done again only after a full collection
     * has shown what the first freed (a minor collection's reading still counts the old generation's garbage).
     */
    static final int RECLAIM_PERCENT = 70;
    static final int RECLAIM_TO_PERCENT = 55;

    /**
     * How long a stopped guest may take to stop before stronger means are used on it (Guard#insist: its
     * thread is interrupted and halted). Cancelling takes 1-4 ms, tens on a loaded
     * machine; the first halt deoptimises every function of the engine once. Either still ends a guest well
     * within a second of its deadline.
     */
    static final long STUBBORN_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    /**
     * Guest code that has run this long (wall time) is checked for its CPU time, and once it has used this much
     * more of it, runs at the lowest CPU priority for the rest of its run (CpuPriority). A request of a lesson's
     * function takes well under a millisecond; one that computes for longer still gets every core that short
     * requests leave idle.
     */
    static final long LOWER_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

    private final Clock clock;
    private final HeapMonitor heap;
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final Set<Guard> guards = ConcurrentHashMap.newKeySet();
    private final ExecutorService stopper = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "faaslab-stopper");
        thread.setDaemon(true);
        return thread;
    });
    /** Halts guests that cancelling did not stop in time (see SandboxControl#halt). */
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "faaslab-halter");
        thread.setDaemon(true);
        return thread;
    });
    private final long highWaterBytes = HeapMonitor.capacityBytes() / 100 * HIGH_WATER_PERCENT;
    private final long reclaimBytes = HeapMonitor.capacityBytes() / 100 * RECLAIM_PERCENT;
    private final long reclaimToBytes = HeapMonitor.capacityBytes() / 100 * RECLAIM_TO_PERCENT;
    /** Whether a full collection has been seen since idle instances were last reclaimed. */
    private boolean reclaimedSeen = true;
    /** Whether a full collection has been asked for since the last one (kept by the watchdog thread only). */
    private boolean fullCollectionAsked;
    /** Told how many bytes to free by reclaiming idle instances; set by whoever keeps them (the platform). */
    private volatile java.util.function.LongConsumer reclaimer = bytes -> { };
    private final AtomicBoolean reclaiming = new AtomicBoolean();
    private long readMajorCollections;
    /** The invocations stopped to relieve the heap, until they have all ended (kept by the watchdog thread only). */
    private final List<Guard> relieving = new ArrayList<>();
    private final Thread thread;
    private long lastAllocationScan;
    private volatile boolean closed;
    /** Set while it sleeps with nothing to watch; whoever clears it wakes it. */
    private final AtomicBoolean idle = new AtomicBoolean();
    private final AtomicLong wakeUps = new AtomicLong();
    private long readCollections = -1;
    private long readLive;

    /**
     * The operating system's thread priorities while long-running code yields the CPU (a classroom server: see
     * {@link #shareCpu}); null otherwise, and where threads cannot be lowered and put back.
     */
    private volatile CpuPriority priority;

    Watchdog(Clock clock, HeapMonitor heap) {
        this.clock = clock;
        this.heap = heap;
        this.readLive = heap.liveBytes();
        threads.setThreadAllocatedMemoryEnabled(true);
        this.thread = Thread.ofPlatform().name("faaslab-watchdog").daemon().start(this::run);
    }

    /**
     * Sets what frees memory held by idle instances when a full collection leaves the heap past
     * {@link #RECLAIM_PERCENT}: it is given the bytes to free, on a thread of the watchdog's.
     */
    void onShortOfMemory(java.util.function.LongConsumer reclaimer) {
        this.reclaimer = reclaimer;
    }

    /**
     * From now on, invocations that have used {@link #LOWER_AFTER_NANOS} of CPU run at the lowest priority until
     * they end (null: no more). Only where learners share a server: on one learner's own, a long computation would
     * only wait behind the JIT compiler's threads. An instance's init (a cold start) is never lowered: a Python
     * init computes for a second or more on a fresh engine, with ten seconds to do it in.
     */
    void shareCpu(CpuPriority priority) {
        this.priority = priority;
    }

    /** Starts watching the calling thread until {@link Guard#release()}. */
    Guard watch(long deadlineNanos, long memoryBudgetBytes, Runnable stop) {
        return watch(deadlineNanos, memoryBudgetBytes, stop, null, null);
    }

    /**
     * As {@link #watch(long, long, Runnable)}, measuring {@code memory}'s context when its allocations call
     * for it, and halting the thread through {@code control} if stopping it does not end it.
     */
    Guard watch(long deadlineNanos, long memoryBudgetBytes, Runnable stop, RetainedMemory memory,
                SandboxControl control) {
        // Only invocations (which have their context's memory to watch) are lowered, never an init (see shareCpu);
        // only a guard that may be lowered needs its start.
        CpuPriority lowering = memory == null ? null : priority;
        Guard guard = new Guard(this, Thread.currentThread(), lowering == null ? 0 : clock.nanoTime(), deadlineNanos,
                memoryBudgetBytes, stop, memory, control, memory == null ? 0 : threads.getCurrentThreadAllocatedBytes(),
                lowering);
        guards.add(guard);
        // Woken only from its idle sleep: under load it is in its short one, and waking it on every
        // invocation that found the set empty for an instant cost a context switch each, thousands a second.
        if (idle.get() && idle.compareAndSet(true, false)) {
            wakeUps.incrementAndGet();
            LockSupport.unpark(thread);
        }
        return guard;
    }

    /**
     * What the calling thread allocated since {@code guard}'s memory was last accounted for; call it on the
     * guarded thread after releasing the guard.
     */
    long allocatedSince(Guard guard) {
        return threads.getCurrentThreadAllocatedBytes() - guard.allocationBaseline;
    }

    /** What the calling thread has allocated in its life, in bytes (cheap: a counter the JVM keeps). */
    long allocatedByThisThread() {
        return threads.getCurrentThreadAllocatedBytes();
    }

    /** Runs {@code action} after {@code nanos} on a thread of the watchdog's; cancel the result if it is no longer wanted. */
    ScheduledFuture<?> later(Runnable action, long nanos) {
        return later.schedule(action, nanos, TimeUnit.NANOSECONDS);
    }

    /** How many times {@link #watch} has woken it from its idle sleep. */
    long wakeUps() {
        return wakeUps.get();
    }

    void forget(Guard guard) {
        guards.remove(guard);
    }

    /** Guards held now, by every thread. */
    int heldGuards() {
        return guards.size();
    }

    private void run() {
        while (!closed) {
            if (guards.isEmpty()) {
                idle.set(true);
                if (guards.isEmpty()) { // checked again: a guard added before idle was set did not wake it
                    LockSupport.parkNanos(IDLE_SLEEP_NANOS);
                }
                idle.set(false);
                continue;
            }
            long sleep = MAX_SLEEP_NANOS;
            try {
                sleep = tick();
            } catch (RuntimeException e) {
                // A watchdog that dies leaves every later invocation unguarded; keep going.
                LOG.error("the watchdog's check failed; it carries on", e);
            }
            LockSupport.parkNanos(sleep);
        }
    }

    /** Checks every guard; returns how long to sleep: until the earliest deadline, at most {@link #MAX_SLEEP_NANOS}. */
    private long tick() {
        long now = clock.nanoTime();
        long collections = heap.collections();
        long majorCollections = heap.majorCollections();
        boolean major = majorCollections != readMajorCollections;
        if (major) {
            readMajorCollections = majorCollections;
            reclaimedSeen = true;
            fullCollectionAsked = false;
        }
        if (collections != readCollections) {
            long live = heap.liveBytes();
            shareGrowth(live, collections);
            reclaimIfShort(live);
            if (major) {
                relieve(live);
            } else if (live > highWaterBytes) {
                askFullCollection();
            }
        }
        if (now - lastAllocationScan >= ALLOCATION_SCAN_NANOS) {
            lastAllocationScan = now;
            abandonSlowMeasurements(now);
            scanAllocations();
        }
        long sleep = MAX_SLEEP_NANOS;
        for (Guard guard : guards) {
            if (guard.nativeId >= 0 && now - guard.startNanos >= LOWER_AFTER_NANOS) {
                lowerIfLong(guard);
            }
            long left = guard.deadlineNanos - now;
            if (left <= 0) {
                fire(guard, Limit.TIMEOUT);
            } else if (estimate(guard) > (guard.memory != null ? guard.memory.limitBytes() : guard.memoryBudgetBytes)) {
                confirmOrFire(guard);
            } else {
                sleep = Math.min(sleep, left);
            }
        }
        return Math.max(sleep, MIN_SLEEP_NANOS);
    }

    /**
     * Lowers the guard's thread once its code has used {@link #LOWER_AFTER_NANOS} of CPU since it was first seen
     * running long: code that waits (a timer, a queue) uses none and keeps its priority.
     */
    private void lowerIfLong(Guard guard) {
        if (guard.lowered) {
            return;
        }
        long cpu = threads.getThreadCpuTime(guard.threadId);
        if (cpu < 0) {
            return; // the thread has ended
        }
        if (guard.cpuBaseline < 0) {
            guard.cpuBaseline = cpu;
        } else if (cpu - guard.cpuBaseline >= LOWER_AFTER_NANOS) {
            guard.lowered = true;
            if (guard.lower()) {
                LOG.debug("thread {} has run guest code for {} ms of CPU: it runs at the lowest priority now",
                        guard.threadId, (cpu - guard.cpuBaseline) / 1_000_000);
            }
        }
    }

    /** The guard's estimate, replaced by what its context was measured holding if it has been measured since. */
    private static long estimate(Guard guard) {
        long measured = guard.measuredRetained;
        if (measured >= 0) {
            guard.measuredRetained = -1;
            guard.retainedEstimate = measured;
        }
        return guard.retainedEstimate;
    }

    /**
     * The estimate says the guard's code keeps more than its memory size. An estimate shares the heap's growth
     * among every thread that allocated, so with many running it can blame one for another's growth: a
     * context that can be measured is measured, and stopped only if it really holds more than its limit.
     */
    private void confirmOrFire(Guard guard) {
        RetainedMemory memory = guard.memory;
        if (memory == null || !memory.measurable()) {
            fire(guard, Limit.MEMORY);
        } else if (!guard.measuring) {
            measure(guard);
        }
    }

    /** Asks for idle instances to be reclaimed when a collection left the heap past {@link #RECLAIM_PERCENT}. */
    private void reclaimIfShort(long live) {
        long excess = live - reclaimToBytes;
        if (live > reclaimBytes && reclaimedSeen && reclaiming.compareAndSet(false, true)) {
            reclaimedSeen = false;
            LOG.info("the heap is {} MB after a collection, past {}% of its capacity: reclaiming idle instances",
                    live >> 20, RECLAIM_PERCENT);
            stopper.execute(() -> {
                try {
                    reclaimer.accept(excess);
                    // What the closed instances held is old garbage now, which only a full collection frees
                    // and shows: without one, the next readings would still look as if the heap were full.
                    System.gc();
                } catch (RuntimeException e) {
                    LOG.warn("reclaiming idle instances failed", e);
                } finally {
                    reclaiming.set(false);
                }
            });
        }
    }

    /**
     * A minor collection's reading says the heap is past its high water, but it counts the old generation's
     * garbage too: a full collection, asked for now, tells the truth before anyone is stopped on it.
     */
    private void askFullCollection() {
        if (!fullCollectionAsked) {
            fullCollectionAsked = true;
            stopper.execute(System::gc);
        }
    }

    /** Measures the contexts of running invocations that have allocated enough to be past their limit. */
    private void scanAllocations() {
        for (Guard guard : guards) {
            RetainedMemory memory = guard.memory;
            if (memory == null || !memory.measurable() || guard.measuring) {
                continue;
            }
            long held = guard.runningHeld;
            long running = threads.getThreadAllocatedBytes(guard.threadId) - guard.runningBaseline;
            if (held >= 0 ? memory.mayExceed(held, running) : memory.mayExceed(running)) {
                measure(guard);
            }
        }
    }

    /**
     * Starts measuring a running guard's context, on its own thread at its next safepoint; the answer comes
     * there. Until it does (or {@link #MEASURE_WAIT_NANOS} passes: the code left the guest, whose end is
     * measured anyway) the guard is not measured again.
     */
    private void measure(Guard guard) {
        guard.measuring = true;
        guard.measureStartedNanos = clock.nanoTime();
        try {
            guard.measurement = guard.memory.measureRunning(guard.thread, bytes -> measured(guard, bytes),
                    guard.walkCancelled);
        } catch (RuntimeException e) {
            // The context closed meanwhile: the invocation is over either way.
            LOG.debug("a context could not be measured", e);
            guard.measuring = false;
        }
    }

    /** On the guard's own thread, paused at a safepoint: what its context was found holding. */
    private void measured(Guard guard, long bytes) {
        guard.runningBaseline = threads.getCurrentThreadAllocatedBytes();
        guard.runningHeld = bytes;
        guard.measuredRetained = bytes;
        guard.measuring = false;
        if (guard.memory.exceeded(bytes)) {
            LOG.debug("thread {}'s context holds {} MB, past its {} MB", guard.threadId, bytes >> 20,
                    guard.memory.limitBytes() >> 20);
            fire(guard, Limit.MEMORY);
        }
    }

    /** Gives up on measurements that a guest did not reach a safepoint for in time, so that it can be measured again. */
    private void abandonSlowMeasurements(long now) {
        for (Guard guard : guards) {
            java.util.concurrent.Future<Void> measurement = guard.measurement;
            if (guard.measuring && measurement != null && now - guard.measureStartedNanos > MEASURE_WAIT_NANOS) {
                measurement.cancel(false);
                guard.measuring = false;
            }
        }
    }

    private void shareGrowth(long live, long collections) {
        long growth = live - readLive;
        long windowTotal = 0;
        for (Guard guard : guards) {
            long allocated = threads.getThreadAllocatedBytes(guard.threadId);
            guard.window = guard.hasReading ? Math.max(0, allocated - guard.allocatedAtReading) : 0;
            guard.allocatedAtReading = allocated;
            guard.hasReading = true;
            windowTotal += guard.window;
        }
        if (windowTotal > 0) {
            for (Guard guard : guards) {
                // Floored at zero: a collection that frees others' garbage must not hide this one's growth.
                guard.retainedEstimate = Math.max(0,
                        guard.retainedEstimate + (long) ((double) growth * guard.window / windowTotal));
                LOG.debug("live heap grew {} MB; thread {} allocated {} of {} MB; its estimate is {} MB",
                        growth >> 20, guard.threadId, guard.window >> 20, windowTotal >> 20, guard.retainedEstimate >> 20);
            }
        }
        readLive = live;
        readCollections = collections;
    }

    /**
     * After a full collection that left the heap past {@link #HIGH_WATER_PERCENT} of its capacity: stops
     * the running invocations that grew it most, before the JVM runs out and fails an allocation on any
     * thread, a web server's too: enough of them, by their estimates, to bring it back to
     * {@link #RECLAIM_PERCENT}. The estimates share the growth among all who allocated, so with many
     * running this stops more than was needed: a learner's retry, where stopping too few can leave the
     * collector running without end. An invocation that may hold less than {@link #RELIEF_FLOOR_BYTES} is never
     * stopped for it (in the classroom bench, stopping ordinary requests on their shares failed two graded
     * reference solutions). Then it waits for those to end before it judges again.
     */
    private void relieve(long live) {
        if (live <= highWaterBytes || !relieving.stream().allMatch(Guard::ended)) {
            return;
        }
        relieving.clear();
        long toFree = live - reclaimBytes;
        // What stopping each could free: its share of the growth, but never more than it may hold at most (what it
        // was measured holding plus all it allocated since). The shares blame every thread that allocated; the
        // bound clears one that allocated little, a learner's ordinary request, of another's bomb.
        record Candidate(Guard guard, long mayHold, long freeable) { }
        List<Candidate> largest = guards.stream()
                .map(guard -> {
                    long mayHold = mayHold(guard);
                    return new Candidate(guard, mayHold, Math.min(guard.retainedEstimate, mayHold));
                })
                .filter(candidate -> candidate.freeable() >= RELIEF_FLOOR_BYTES)
                .sorted(Comparator.comparingLong(Candidate::freeable).reversed()).toList();
        long freed = 0;
        for (Candidate candidate : largest) {
            if (freed >= toFree) {
                break;
            }
            LOG.warn("the heap is {} MB after a full collection, past {}% of its capacity: stopping an invocation"
                    + " that grew it by {} MB and may hold {} MB", live >> 20, HIGH_WATER_PERCENT,
                    candidate.guard().retainedEstimate >> 20, candidate.mayHold() >> 20);
            relieving.add(candidate.guard());
            freed += candidate.freeable();
            fire(candidate.guard(), Limit.SERVER_MEMORY);
        }
    }

    /** The most a guard's context may hold: what it was last known to hold, plus all its code has allocated since. */
    private long mayHold(Guard guard) {
        long running = Math.max(0, threads.getThreadAllocatedBytes(guard.threadId) - guard.allocationBaseline);
        return guard.memory == null ? running : guard.memory.mayHoldBytes() + running;
    }

    private void fire(Guard guard, Limit limit) {
        guards.remove(guard);
        guard.walkCancelled.set(true); // a measurement walking the context holds the guest: end it
        if (guard.trip(limit)) {
            // Cancelling stops nearly every guest within milliseconds; a thread still in the guest's code after
            // that is inside something cancelling cannot reach (big-number arithmetic), and is interrupted.
            later(guard::insist, STUBBORN_AFTER_NANOS);
            // Stopping waits for the guest to unwind; do it off this thread so the others stay watched.
            stopper.execute(guard::stopGuest);
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        stopper.shutdown();
        later.shutdown();
    }
}
