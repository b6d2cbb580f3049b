package dev.faaslab.events;

import dev.faaslab.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A poller's word that it finished a poll, for those waiting until its source is done (a queue drained, a stream
 * caught up): they look again after each poll, instead of sleeping for a guessed while.
 */
public final class PollSignal {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition polled = lock.newCondition();
    private final Clock clock;

    public PollSignal(Clock clock) {
        this.clock = clock;
    }

    /** A poll has finished: wakes every waiter to look again. */
    public void polled() {
        lock.lock();
        try {
            polled.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until {@code done} holds, asking it now and after each poll; false when {@code timeout}, by the
     * clock, passed first.
     */
    public boolean await(BooleanSupplier done, Duration timeout) throws InterruptedException {
        long deadline = clock.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!done.getAsBoolean()) {
                long left = deadline - clock.nanoTime();
                if (left <= 0) {
                    return false;
                }
                // The slice only bounds a wait on a clock that is not the system's (a ManualClock's polls come
                // only when it is advanced).
                polled.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
