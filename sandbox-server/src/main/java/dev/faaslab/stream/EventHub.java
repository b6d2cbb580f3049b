package dev.faaslab.stream;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live events of one workspace, fanned out to its subscribers (browser tabs). Publishing never
 * blocks a request: a subscriber that falls behind loses events and is told how many.
 */
public final class EventHub {

    public static final int DEFAULT_CAPACITY = 4096;

    private final CopyOnWriteArrayList<Subscription> subscribers = new CopyOnWriteArrayList<>();

    /** Whether anyone listens; callers skip building events nobody would read. */
    public boolean hasSubscribers() {
        return !subscribers.isEmpty();
    }

    public void publish(StreamEvent event) {
        for (Subscription subscription : subscribers) {
            subscription.offer(event);
        }
    }

    public Subscription subscribe(int capacity) {
        Subscription subscription = new Subscription(capacity);
        subscribers.add(subscription);
        return subscription;
    }

    /** One reader's queue of events. */
    public final class Subscription implements AutoCloseable {

        private final BlockingQueue<StreamEvent> queue;
        private final AtomicLong dropped = new AtomicLong();

        private Subscription(int capacity) {
            this.queue = new ArrayBlockingQueue<>(capacity);
        }

        private void offer(StreamEvent event) {
            if (!queue.offer(event)) {
                dropped.incrementAndGet();
            }
        }

        /** The next event, a {@link StreamEvent.Dropped} notice first if some were lost, or null after {@code wait}. */
        public StreamEvent next(Duration wait) throws InterruptedException {
            long lost = dropped.getAndSet(0);
            if (lost > 0) {
                return new StreamEvent.Dropped(lost);
            }
            return queue.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public void close() {
            subscribers.remove(this);
        }
    }
}
