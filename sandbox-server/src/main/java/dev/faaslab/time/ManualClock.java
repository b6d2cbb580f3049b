package dev.faaslab.time;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A clock that moves only when told to: tests (and demonstrations) step through minutes of retries,
 * schedules and keep-alives in no time, and get the same result on a slow machine as on a fast one.
 * Threads waiting in {@link #sleepUntil} wake when {@link #advance} passes their deadline.
 */
public final class ManualClock implements Clock {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition moved = lock.newCondition();
    private long nanos;
    private final long epochMillisAtZero;

    /** A clock showing {@code epochMillis} as its wall-clock time, with its monotonic reading at 0. */
    public ManualClock(long epochMillis) {
        this.epochMillisAtZero = epochMillis;
    }

    @Override
    public long nanoTime() {
        lock.lock();
        try {
            return nanos;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long epochMillis() {
        return epochMillisAtZero + nanoTime() / 1_000_000;
    }

    @Override
    public void sleepUntil(long deadlineNanos) throws InterruptedException {
        lock.lock();
        try {
            while (nanos < deadlineNanos) {
                moved.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Moves time forward and wakes every sleeper whose deadline has come. */
    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("a clock does not go backwards: " + by);
        }
        lock.lock();
        try {
            nanos += by.toNanos();
            moved.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
