package dev.faaslab.events.queue;

import dev.faaslab.core.WorkspaceId;
import dev.faaslab.events.PollLoop;
import dev.faaslab.events.PollSignal;
import dev.faaslab.platform.ConflictException;
import dev.faaslab.platform.FunctionRecord;
import dev.faaslab.platform.Invocation;
import dev.faaslab.platform.NotFoundException;
import dev.faaslab.platform.Platform;
import dev.faaslab.runtime.Outcome;
import dev.faaslab.runtime.Payloads;
import dev.faaslab.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues that trigger functions (Lambda's event source mappings for SQS), and the one background loop
 * that serves them: on each tick of the {@link Clock} it receives batches from each enabled mapping's
 * queue, several at once while a backlog waits (up to the mapping's {@code maximumConcurrency}), and
 * invokes the function synchronously with SQS's event for each. Success deletes the batch; an error,
 * a timeout or a throttle leaves it to reappear after the visibility timeout; a
 * {@code batchItemFailures} answer leaves only the messages it names when the mapping has
 * {@code ReportBatchItemFailures}, and is ignored otherwise, as on Lambda (with a warning in the
 * function's log). Too many receives, and the queue's redrive policy moves a message to its
 * dead-letter queue.
 */
public final class QueuePoller implements AutoCloseable {

    /** How often, by the clock, the loop looks at the queues. */
    static final long TICK_NANOS = 250_000_000L;
    /** A batch's bodies stay well under Lambda's 6 MB invocation payload once wrapped in the event. */
    static final long MAX_BATCH_BYTES = 3L * 1024 * 1024;
    /** Batches one lane of a poll may take before the loop moves on (a full queue is drained over several ticks). */
    static final int MAX_BATCHES_PER_POLL = 20;
    /**
     * The most batches of one mapping in its function at once. Lambda starts with 5, adds up to 300 a minute
     * while messages wait, and goes to 1,000; a sandbox sharing a laptop's cores stops at 10, and reaches it
     * at once (one batch per batch waiting) so that a lab's backlog shows the scale-out in seconds.
     */
    public static final int MAX_CONCURRENT_BATCHES = 10;
    /** Lambda's advice: a queue's visibility timeout at least six times the function's timeout. */
    static final int VISIBILITY_ADVICE_FACTOR = 6;

    private static final Logger LOG = LoggerFactory.getLogger(QueuePoller.class);

    private final Platform platform;
    private final QueueService queues;
    private final QueueStore store;
    private final Clock clock;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final PollLoop<QueueStore.Enabled> loop;
    /** The lanes of polls wider than one batch. */
    private final ExecutorService batchWorkers = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("faaslab-queue-batch-", 0).daemon(true).factory());
    /** Signalled at the end of every poll, for those waiting until a queue is drained. */
    private final PollSignal polls;

    /**
     * A mapping's polling: its drains running (each a poller taking batch after batch, as Lambda's are), its
     * batching window, and how the last batch went. The lock guards the first two.
     */
    private static final class Lane {
        final ReentrantLock lock = new ReentrantLock();
        final Condition idle = lock.newCondition();
        /** Held by {@link #pollOnce} throughout: the loop starts no drain of the mapping meanwhile. */
        final ReentrantLock once = new ReentrantLock();
        int running;
        Long windowStartedAt;
        volatile String lastProcessingResult = "No records processed";
    }

    /** A mapping just created or changed, and Lambda's advice where its settings go against it. */
    public record Saved(EventSourceMapping mapping, List<String> warnings) {
    }

    public QueuePoller(Platform platform, QueueService queues, QueueStore store, Clock clock) {
        this.platform = platform;
        this.queues = queues;
        this.store = store;
        this.clock = clock;
        this.polls = new PollSignal(clock);
        this.loop = new PollLoop<>("faaslab-queue-poller", clock, TICK_NANOS, store::enabledMappings,
                enabled -> enabled.mapping().uuid(), enabled -> poll(enabled.workspace(), enabled.mapping(), false));
    }

    // ---- the mappings ----

    /**
     * Creates a mapping from a queue to a function.
     *
     * @throws NotFoundException when the queue, the function or its version does not exist
     * @throws ConflictException when the queue already triggers this function
     */
    public Saved create(WorkspaceId workspace, String queue, String function, String qualifier, int batchSize,
                        int windowSeconds, List<String> functionResponseTypes, Integer maximumConcurrency,
                        boolean enabled) {
        Instant now = Instant.ofEpochMilli(clock.epochMillis());
        EventSourceMapping mapping = new EventSourceMapping(UUID.randomUUID().toString(), queue, function, qualifier,
                batchSize, windowSeconds, functionResponseTypes, maximumConcurrency, enabled, now, now);
        Queue found = queues.queue(workspace, queue);
        FunctionRecord target = target(workspace, function, qualifier);
        for (EventSourceMapping other : store.mappings(workspace)) {
            if (other.queue().equals(queue) && other.function().equals(function)) {
                throw new ConflictException("the queue '" + queue + "' already triggers the function '" + function
                        + "' (mapping " + other.uuid() + "): change that one with PUT /api/event-source-mappings/"
                        + other.uuid());
            }
        }
        store.putMapping(workspace, mapping);
        return new Saved(mapping, warnings(found, target));
    }

    /**
     * Changes a mapping's batch size, batching window, response handling, maximum concurrency, enabled state or
     * qualifier.
     *
     * @throws NotFoundException when there is no such mapping, or the new qualifier names no version
     */
    public Saved update(WorkspaceId workspace, EventSourceMapping changed) {
        EventSourceMapping existing = mapping(workspace, changed.uuid());
        FunctionRecord target = target(workspace, existing.function(), changed.qualifier());
        EventSourceMapping mapping = existing.with(changed.batchSize(), changed.maximumBatchingWindowSeconds(),
                changed.functionResponseTypes(), changed.maximumConcurrency(), changed.enabled(), changed.qualifier(),
                Instant.ofEpochMilli(clock.epochMillis()));
        store.putMapping(workspace, mapping);
        return new Saved(mapping, warnings(queues.queue(workspace, mapping.queue()), target));
    }

    /** @throws NotFoundException when there is no such mapping */
    public EventSourceMapping mapping(WorkspaceId workspace, String uuid) {
        return store.mapping(workspace, uuid).orElseThrow(() -> new NotFoundException("there is no event source"
                + " mapping " + uuid + " in this workspace: GET /api/event-source-mappings lists them"));
    }

    public List<EventSourceMapping> mappings(WorkspaceId workspace) {
        return store.mappings(workspace);
    }

    /** @throws NotFoundException when there is no such mapping */
    public void delete(WorkspaceId workspace, String uuid) {
        Lane lane = lanes.get(uuid);
        if (!store.deleteMapping(workspace, uuid)) {
            throw new NotFoundException("there is no event source mapping " + uuid + " to delete");
        }
        if (lane != null) {
            lanes.remove(uuid, lane);
        }
    }

    /** What became of the mapping's last batch, in Lambda's words ({@code OK}, {@code PROBLEM: …}). */
    public String lastProcessingResult(String uuid) {
        Lane lane = lanes.get(uuid);
        return lane == null ? "No records processed" : lane.lastProcessingResult;
    }

    private FunctionRecord target(WorkspaceId workspace, String function, String qualifier) {
        FunctionRecord record = platform.function(workspace, function).orElseThrow(() -> new NotFoundException(
                "there is no function named '" + function + "' in this workspace: create it with PUT /api/functions/"
                        + function));
        platform.check(workspace, function, qualifier);
        return record;
    }

    private static List<String> warnings(Queue queue, FunctionRecord function) {
        long timeout = function.spec().timeout().toSeconds();
        int visibility = queue.attributes().visibilityTimeoutSeconds();
        if (visibility >= VISIBILITY_ADVICE_FACTOR * timeout) {
            return List.of();
        }
        return List.of("the queue '" + queue.name() + "' has a visibility timeout of " + visibility + " s, less than "
                + VISIBILITY_ADVICE_FACTOR + " times the function's timeout of " + timeout + " s: a batch still"
                + " running (or being retried) when its messages reappear is delivered twice. Lambda advises at least "
                + VISIBILITY_ADVICE_FACTOR * timeout + " s: PUT /api/queues/" + queue.name()
                + " with a longer visibilityTimeoutSeconds");
    }

    // ---- polling ----

    /**
     * Polls every enabled mapping once, now, in the calling thread, waiting for any poll of it already
     * running: when this returns, every message visible at the clock's time has been delivered (or left
     * behind by a failure). Tests call it after advancing a {@code ManualClock}. Returns the invocations made.
     */
    public int pollOnce() {
        int invocations = 0;
        for (QueueStore.Enabled enabled : store.enabledMappings()) {
            invocations += poll(enabled.workspace(), enabled.mapping(), true);
        }
        return invocations;
    }

    private Lane lane(String uuid) {
        return lanes.computeIfAbsent(uuid, key -> new Lane());
    }

    /**
     * Tops the mapping's drains up to what {@link #width} allows, each taking batches while they come full and
     * succeed. The loop ({@code wait} false) does this on every tick without waiting, so that a drain that ends
     * (its batch throttled, or failed) is replaced on the next tick while messages wait, as Lambda's pollers are;
     * {@link #pollOnce} ({@code wait} true) first waits for the drains already running, then for its own, and
     * returns the invocations they made.
     */
    private int poll(WorkspaceId workspace, EventSourceMapping mapping, boolean wait) {
        Lane lane = lane(mapping.uuid());
        if (wait) {
            lane.once.lock();
        } else if (!lane.once.tryLock()) {
            return 0;
        }
        try {
            return startDrains(workspace, mapping, lane, wait);
        } finally {
            lane.once.unlock();
        }
    }

    private int startDrains(WorkspaceId workspace, EventSourceMapping mapping, Lane lane, boolean wait) {
        List<Future<Integer>> drains = new ArrayList<>();
        lane.lock.lock();
        try {
            while (wait && lane.running > 0) {
                lane.idle.await();
            }
            Optional<Queue> queue = store.queue(workspace, mapping.queue());
            if (queue.isEmpty()) {
                lane.lastProcessingResult = "PROBLEM: Queue not found";
                return 0;
            }
            int width = width(workspace, mapping, queue.get(), lane);
            for (int i = 0; i < width; i++) {
                drains.add(batchWorkers.submit(() -> {
                    try {
                        return drain(workspace, mapping, queue.get(), lane);
                    } finally {
                        lane.lock.lock();
                        try {
                            if (--lane.running == 0) {
                                lane.idle.signalAll();
                            }
                        } finally {
                            lane.lock.unlock();
                            polls.polled(); // a drain's end is when its queue may have emptied
                        }
                    }
                }));
                lane.running++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (RuntimeException e) {
            if (!loop.closed()) {
                LOG.warn("polling the queue {} for {} failed", mapping.queue(), mapping.function(), e);
            }
            return 0;
        } finally {
            lane.lock.unlock();
            polls.polled();
        }
        return wait ? sum(drains, mapping) : 0;
    }

    /** The invocations the drains made, once they are done. */
    private int sum(List<Future<Integer>> drains, EventSourceMapping mapping) {
        int invocations = 0;
        for (Future<Integer> drain : drains) {
            try {
                invocations += drain.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return invocations;
            } catch (ExecutionException e) {
                if (!loop.closed()) {
                    LOG.warn("polling the queue {} for {} failed", mapping.queue(), mapping.function(), e.getCause());
                }
            }
        }
        return invocations;
    }

    /**
     * Waits until the platform is done with every message of the mapping's queue: none visible, in flight or
     * delayed, so each was deleted after the function handled it, or moved to the dead-letter queue after too
     * many receives. A message is in flight from its receive until the function's invocation has returned and
     * the poller deleted it, so a drained queue also means no batch of it is running. Woken at the end of each
     * poll; false when {@code timeout}, by the clock, passed first.
     *
     * @throws NotFoundException when there is no such mapping, or its queue is gone
     */
    public boolean awaitDrained(WorkspaceId workspace, String uuid, Duration timeout) throws InterruptedException {
        EventSourceMapping mapping = mapping(workspace, uuid);
        return polls.await(() -> drained(queues.counts(workspace, queues.queue(workspace, mapping.queue()))), timeout);
    }

    private static boolean drained(QueueCounts counts) {
        return counts.visible() == 0 && counts.inFlight() == 0 && counts.delayed() == 0;
    }

    /**
     * How many drains to start now, beside the ones running: none while the batching window gathers a fuller
     * batch, else one per batch waiting (as Lambda adds pollers while messages wait), up to the mapping's maximum
     * concurrency and {@link #MAX_CONCURRENT_BATCHES} in all; one when none runs, so that a queue is always
     * looked at. The function's own reserved concurrency does not lower it: a batch over that limit is
     * throttled and comes back one receive nearer the dead-letter queue, as on Lambda. Called under the lock.
     */
    private int width(WorkspaceId workspace, EventSourceMapping mapping, Queue queue, Lane lane) {
        try {
            platform.check(workspace, mapping.function(), mapping.qualifier());
        } catch (NotFoundException e) {
            lane.lastProcessingResult = "PROBLEM: Function not found";
            return 0;
        }
        long visible = queues.counts(workspace, queue).visible();
        long batches = (visible + mapping.batchSize() - 1) / mapping.batchSize();
        if (mapping.maximumBatchingWindowSeconds() > 0) {
            if (visible == 0) {
                lane.windowStartedAt = null;
                return 0;
            }
            long now = clock.epochMillis();
            if (visible < mapping.batchSize()) {
                if (lane.windowStartedAt == null) {
                    lane.windowStartedAt = now;
                }
                if (now - lane.windowStartedAt < mapping.maximumBatchingWindowSeconds() * 1000L) {
                    return 0;
                }
            } else {
                batches = visible / mapping.batchSize(); // full batches only: the rest waits for its window
            }
            lane.windowStartedAt = null;
        }
        long room = limit(mapping) - lane.running;
        return (int) (lane.running == 0 ? Math.max(1, Math.min(batches, room)) : Math.max(0, Math.min(batches, room)));
    }

    /** The most batches of this mapping in its function at once. */
    static int limit(EventSourceMapping mapping) {
        return mapping.maximumConcurrency() == null ? MAX_CONCURRENT_BATCHES
                : Math.min(mapping.maximumConcurrency(), MAX_CONCURRENT_BATCHES);
    }

    /**
     * One lane of a poll: takes batches while they come full and succeed (with a batching window, only full
     * ones after the first); returns the invocations made.
     */
    private int drain(WorkspaceId workspace, EventSourceMapping mapping, Queue queue, Lane lane) {
        int invocations = 0;
        for (int round = 0; round < MAX_BATCHES_PER_POLL && !loop.closed(); round++) {
            if (round > 0 && mapping.maximumBatchingWindowSeconds() > 0
                    && queues.counts(workspace, queue).visible() < mapping.batchSize()) {
                return invocations;
            }
            List<ReceivedMessage> batch = queues.receiveBatch(workspace, queue, mapping.batchSize(), MAX_BATCH_BYTES,
                    null);
            if (batch.isEmpty()) {
                return invocations;
            }
            invocations++;
            boolean allDeleted = deliver(workspace, mapping, lane, batch);
            if (!allDeleted || batch.size() < mapping.batchSize() && mapping.maximumBatchingWindowSeconds() > 0) {
                return invocations;
            }
        }
        return invocations;
    }

    /** Invokes the function with the batch and deletes what succeeded; true when all of it did. */
    private boolean deliver(WorkspaceId workspace, EventSourceMapping mapping, Lane lane,
                            List<ReceivedMessage> messages) {
        Invocation invocation;
        try {
            invocation = platform.invoke(workspace, mapping.function(), mapping.qualifier(),
                    SqsEvent.of(workspace.identity(), mapping.queue(), messages));
        } catch (NotFoundException e) {
            lane.lastProcessingResult = "PROBLEM: Function not found";
            return false;
        } catch (Payloads.PayloadTooLargeException e) {
            lane.lastProcessingResult = "PROBLEM: the batch's event is over Lambda's 6 MB: lower the batch size";
            return false;
        }
        if (invocation instanceof Invocation.Throttled throttled) {
            lane.lastProcessingResult = "PROBLEM: Function throttled (" + throttled.throttle().reason()
                    + "); the batch reappears after the visibility timeout, each message one receive nearer the"
                    + " queue's maxReceiveCount and its dead-letter queue. Lower the mapping's scalingConfig"
                    + ".maximumConcurrency to the function's reserved concurrency or below";
            return false;
        }
        Invocation.Completed completed = (Invocation.Completed) invocation;
        if (!(completed.result().outcome() instanceof Outcome.Success(String json))) {
            lane.lastProcessingResult = "PROBLEM: Function call failed (" + completed.result().error().errorType()
                    + "); the whole batch reappears after the visibility timeout";
            return false;
        }
        Set<String> ids = messages.stream().map(ReceivedMessage::messageId).collect(Collectors.toSet());
        // A provider whose handlers settle each message (Workers' ack and retry) always says which failed.
        boolean reads = mapping.reportBatchItemFailures() || completed.style().settlesEachMessage();
        if (!reads && SqsEvent.reportsFailures(json)) {
            platform.logNote(workspace, mapping.function(), completed, "the batchItemFailures this function returned"
                    + " were ignored, and the whole batch of " + messages.size() + " was deleted, because its trigger"
                    + " from the queue '" + mapping.queue() + "' does not have ReportBatchItemFailures (off by default,"
                    + " as on AWS Lambda). To send back only the messages it names: PUT /api/event-source-mappings/"
                    + mapping.uuid() + " with {" + EventSourceMapping.HOW_TO_REPORT + "}");
        }
        Optional<Set<String>> failed = reads ? SqsEvent.failedIds(json, ids)
                : Optional.of(Set.of());
        if (failed.isEmpty()) {
            lane.lastProcessingResult = "PROBLEM: the function's batchItemFailures is malformed or names a message"
                    + " not in the batch, so the whole batch failed";
            return false;
        }
        List<String> kept = new ArrayList<>();
        for (ReceivedMessage message : messages) {
            if (failed.get().contains(message.messageId())) {
                kept.add(message.messageId());
            } else {
                queues.deleteIfHeld(workspace, mapping.queue(), message.receiptHandle());
            }
        }
        lane.lastProcessingResult = kept.isEmpty() ? "OK" : "OK: " + kept.size() + " of " + messages.size()
                + " messages reported failed; they reappear after the visibility timeout";
        return kept.isEmpty();
    }

    /** Stops the loop and waits (up to 5 s) for batches being delivered. */
    @Override
    public void close() {
        loop.close();
        batchWorkers.shutdown();
        try {
            batchWorkers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
