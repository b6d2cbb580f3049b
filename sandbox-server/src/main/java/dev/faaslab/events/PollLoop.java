package dev.faaslab.events;

import dev.faaslab.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background loop of a poller of event sources (queues, table streams): on each tick of the
 * {@link Clock} it hands each source due to a worker, unless a poll of that source is still running,
 * so that a slow function holds back its own source only.
 *
 * @param <T> a source to poll, named by {@code key}
 */
public final class PollLoop<T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PollLoop.class);

    private final Clock clock;
    private final long tickNanos;
    private final Supplier<List<T>> due;
    private final Function<T, String> key;
    private final Consumer<T> poll;
    private final Map<String, AtomicBoolean> scheduled = new ConcurrentHashMap<>();
    private final ExecutorService workers;
    private final Thread loop;
    private volatile boolean closed;

    /** Starts the loop, its threads named after {@code name}. */
    public PollLoop(String name, Clock clock, long tickNanos, Supplier<List<T>> due, Function<T, String> key,
                    Consumer<T> poll) {
        this.clock = clock;
        this.tickNanos = tickNanos;
        this.due = due;
        this.key = key;
        this.poll = poll;
        this.workers = Executors.newCachedThreadPool(Thread.ofPlatform().name(name + "-", 0).daemon(true).factory());
        this.loop = Thread.ofPlatform().name(name).daemon(true).unstarted(this::run);
        loop.start();
    }

    /** Whether {@link #close} was called: a poll under way stops taking batches. */
    public boolean closed() {
        return closed;
    }

    private void run() {
        while (!closed) {
            try {
                clock.sleepUntil(clock.nanoTime() + tickNanos);
                for (T source : due.get()) {
                    AtomicBoolean running = scheduled.computeIfAbsent(key.apply(source), k -> new AtomicBoolean());
                    if (running.compareAndSet(false, true)) {
                        try {
                            workers.execute(() -> {
                                try {
                                    poll.accept(source);
                                } finally {
                                    running.set(false);
                                }
                            });
                        } catch (RejectedExecutionException e) {
                            return; // closing
                        }
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.warn("a poll loop failed a round; it goes on", e);
                }
            }
        }
    }

    /** Stops the loop and waits (up to 5 s) for the polls under way. */
    @Override
    public void close() {
        closed = true;
        loop.interrupt();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
            loop.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
