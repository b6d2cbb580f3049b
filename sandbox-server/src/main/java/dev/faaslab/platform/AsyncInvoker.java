package dev.faaslab.platform;

import dev.faaslab.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs acknowledged asynchronous events when they are due: at once the first time, later after a
 * failure or a throttle. The events wait in the {@link EventLog}, not here: this class reads the due
 * ones from it, soonest first, into a window of at most {@code window} events (one per thread that runs
 * them), so that a backlog of any size holds only those few payloads in memory. Each due event is
 * claimed by exactly one runner: the ones in the window are left out of the next read. What an attempt
 * does is {@link AsyncInvocations}' ({@code attempt}); when it returns, the event has left the log or been
 * rescheduled in it.
 */
final class AsyncInvoker {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncInvoker.class);

    private final Clock clock;
    private final EventLog log;
    private final ExecutorService executor;
    private final int window;
    private final Consumer<PendingEvent> attempt;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finished = lock.newCondition();
    /** The request ids of the events in the window: handed to the executor, or running. */
    private final Set<String> claimed = new HashSet<>();

    AsyncInvoker(Clock clock, EventLog log, ExecutorService executor, int window, Consumer<PendingEvent> attempt) {
        this.clock = clock;
        this.log = log;
        this.executor = executor;
        this.window = window;
        this.attempt = attempt;
    }

    /**
     * Starts events due by now on the executor, as many as the window has room for; returns how many.
     * Called after an event is accepted, after each attempt, and by the {@link Ticker}.
     */
    int runDue() {
        if (executor.isShutdown()) {
            return 0; // the platform is closing: an attempt that finishes now must not read the closed log
        }
        List<PendingEvent> due = claimDue();
        for (PendingEvent event : due) {
            try {
                executor.execute(() -> run(event));
            } catch (RejectedExecutionException e) {
                release(event); // shutting down: the event stays in the log for the next start
            }
        }
        return due.size();
    }

    /**
     * Runs what is due and waits until no attempt is running and nothing is due: after a {@code ManualClock}
     * has been advanced, every attempt due by then has finished when this returns.
     */
    void settle() throws InterruptedException {
        while (true) {
            runDue();
            lock.lock();
            try {
                while (!claimed.isEmpty()) {
                    finished.await();
                }
            } finally {
                lock.unlock();
            }
            if (executor.isShutdown() || log.due(now(), 1, Set.of()).isEmpty()) {
                return;
            }
        }
    }

    /** Events in memory now: handed to the executor, or running. */
    int held() {
        lock.lock();
        try {
            return claimed.size();
        } finally {
            lock.unlock();
        }
    }

    /** Reads the due events the window has room for, under the lock, so that two callers never claim one. */
    private List<PendingEvent> claimDue() {
        lock.lock();
        try {
            int room = window - claimed.size();
            if (room <= 0) {
                return List.of();
            }
            List<PendingEvent> due = log.due(now(), room, Set.copyOf(claimed));
            due.forEach(event -> claimed.add(event.requestId()));
            return due;
        } catch (RuntimeException e) {
            // The events stay in the log; the ticker asks again within 100 ms.
            LOG.warn("could not read the due asynchronous events: {}", e.getMessage());
            return List.of();
        } finally {
            lock.unlock();
        }
    }

    private void run(PendingEvent event) {
        try {
            attempt.accept(event);
        } finally {
            release(event);
        }
        runDue(); // the window has room again
    }

    private void release(PendingEvent event) {
        lock.lock();
        try {
            claimed.remove(event.requestId());
            finished.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.epochMillis());
    }
}
