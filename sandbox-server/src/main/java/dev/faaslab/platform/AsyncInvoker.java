package dev.faaslab.platform;

import dev.faaslab.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Runs acknowledged asynchronous events when they are due: at once the first time, later after a
 * failure or a throttle. Each due event is claimed by exactly one runner. What an attempt does is the
 * platform's ({@code attempt}); this class only keeps the waiting events in order and counts the
 * running ones, so that {@link #settle()} can tell a test when everything due has finished.
 */
final class AsyncInvoker {

    /** What became of one attempt: done (succeeded, or given up), or due again as this event. */
    record Next(PendingEvent retry) {
        static final Next DONE = new Next(null);
    }

    private final Clock clock;
    private final ExecutorService executor;
    private final Function<PendingEvent, Next> attempt;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finished = lock.newCondition();
    private final PriorityQueue<PendingEvent> waiting = new PriorityQueue<>(
            Comparator.comparing(PendingEvent::nextAttemptAt).thenComparing(PendingEvent::receivedAt));
    private int running;

    AsyncInvoker(Clock clock, ExecutorService executor, Function<PendingEvent, Next> attempt) {
        this.clock = clock;
        this.executor = executor;
        this.attempt = attempt;
    }

    /** Takes an event (new, or pending from before a restart) and runs it if it is due. */
    void submit(PendingEvent event) {
        lock.lock();
        try {
            waiting.add(event);
        } finally {
            lock.unlock();
        }
        runDue();
    }

    /** Starts every event due by now on the executor; returns how many. */
    int runDue() {
        List<PendingEvent> due = claimDue();
        for (PendingEvent event : due) {
            try {
                executor.execute(() -> run(event));
            } catch (RejectedExecutionException e) {
                finish(null); // shutting down: the event stays in the log for the next start
            }
        }
        return due.size();
    }

    /**
     * Runs what is due and waits until no attempt is running and nothing is due: after a {@code ManualClock}
     * has been advanced, every attempt due by then has finished when this returns.
     */
    void settle() throws InterruptedException {
        runDue();
        lock.lock();
        try {
            while (running > 0 || isDue(waiting.peek())) {
                if (running == 0) {
                    lock.unlock();
                    try {
                        runDue();
                    } finally {
                        lock.lock();
                    }
                } else {
                    finished.await();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Events waiting for a later attempt (not those running). */
    int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    private List<PendingEvent> claimDue() {
        List<PendingEvent> due = new ArrayList<>();
        lock.lock();
        try {
            while (isDue(waiting.peek())) {
                due.add(waiting.poll());
                running++;
            }
        } finally {
            lock.unlock();
        }
        return due;
    }

    private boolean isDue(PendingEvent event) {
        return event != null && !event.nextAttemptAt().isAfter(Instant.ofEpochMilli(clock.epochMillis()));
    }

    private void run(PendingEvent event) {
        Next next = Next.DONE;
        try {
            next = attempt.apply(event);
        } finally {
            finish(next.retry());
        }
    }

    private void finish(PendingEvent retry) {
        lock.lock();
        try {
            running--;
            if (retry != null) {
                waiting.add(retry);
            }
            finished.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
