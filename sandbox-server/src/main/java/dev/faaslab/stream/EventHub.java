package dev.faaslab.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live events of one workspace (or of one class), fanned out to its subscribers (browser tabs). Publishing never
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
        return subscribe(capacity, List.of());
    }

    /**
     * One queue for this hub's events and those of {@code others}: a learner's page reads their workspace's and
     * their class's news on one stream, since a browser keeps only six connections to a server.
     */
    public Subscription subscribe(int capacity, List<EventHub> others) {
        List<EventHub> hubs = new ArrayList<>(others);
        hubs.addFirst(this);
        Subscription subscription = new Subscription(capacity, List.copyOf(hubs));
        hubs.forEach(hub -> hub.subscribers.add(subscription));
        return subscription;
    }

    /** One reader's queue of events. */
    public static final class Subscription implements AutoCloseable {

        private final BlockingQueue<StreamEvent> queue;
        private final AtomicLong dropped = new AtomicLong();
        private final List<EventHub> hubs;

        private Subscription(int capacity, List<EventHub> hubs) {
            this.queue = new ArrayBlockingQueue<>(capacity);
            this.hubs = hubs;
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
            hubs.forEach(hub -> hub.subscribers.remove(this));
        }
    }
}
