package dev.faaslab.events.stream;

import dev.faaslab.core.WorkspaceId;
import dev.faaslab.events.PollLoop;
import dev.faaslab.events.PollSignal;
import dev.faaslab.events.queue.QueueService;
import dev.faaslab.events.queue.SqsEvent;
import dev.faaslab.platform.ConflictException;
import dev.faaslab.platform.Invocation;
import dev.faaslab.platform.NotFoundException;
import dev.faaslab.platform.Platform;
import dev.faaslab.runtime.Outcome;
import dev.faaslab.runtime.Payloads;
import dev.faaslab.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Table streams that trigger functions (Lambda's event source mappings for DynamoDB Streams), and the
 * background loop that serves them. Each table's stream is one shard: a mapping reads it in order from
 * its checkpoint, and a failing batch holds back every record after it until it succeeds, is given up
 * after its retries (to the on-failure queue), or expires. Bisection splits a failing batch in two
 * without counting a retry; {@code batchItemFailures} checkpoints before the lowest failed record.
 */
public final class StreamPoller implements AutoCloseable {

    /** How often, by the clock, the loop looks at the streams; a failed batch is retried on a later tick. */
    static final long TICK_NANOS = 250_000_000L;
    /** How often expired records are forgotten. */
    static final long TRIM_NANOS = 60_000_000_000L;
    /** Batches one poll may take before the loop moves on. */
    static final int MAX_BATCHES_PER_POLL = 20;

    private static final Logger LOG = LoggerFactory.getLogger(StreamPoller.class);

    private final Platform platform;
    private final TableStreams streams;
    private final StreamStore store;
    private final QueueService queues;
    private final Clock clock;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final PollLoop<StreamStore.Positioned> loop;
    /** Signalled at the end of every poll, for those waiting until a mapping has caught up with its stream. */
    private final PollSignal polls;
    /** When the loop next forgets expired records, by the clock's nanoTime (the loop's thread only). */
    private long nextTrim;

    /** A mapping's poll: one at a time, and how its last batch went. */
    private static final class Lane {
        final ReentrantLock lock = new ReentrantLock();
        volatile String lastProcessingResult = "No records processed";
    }

    public StreamPoller(Platform platform, TableStreams streams, StreamStore store, QueueService queues, Clock clock) {
        this.platform = platform;
        this.streams = streams;
        this.store = store;
        this.queues = queues;
        this.clock = clock;
        this.nextTrim = clock.nanoTime();
        this.polls = new PollSignal(clock);
        this.loop = new PollLoop<>("faaslab-stream-poller", clock, TICK_NANOS, this::due,
                positioned -> positioned.mapping().uuid(), positioned -> poll(positioned.workspace(),
                        positioned.mapping().uuid()));
    }

    // ---- the mappings ----

    /** What a new mapping asks for; its uuid and creation time are the poller's. */
    public record Request(String table, String function, String qualifier, int batchSize,
                          StreamMapping.StartingPosition startingPosition, int maximumRetryAttempts,
                          boolean bisectBatchOnFunctionError, String onFailureQueue, boolean reportBatchItemFailures,
                          boolean enabled) {
    }

    /**
     * Creates a mapping from a table's stream to a function, reading from the oldest record kept
     * (TRIM_HORIZON) or from the next one written (LATEST).
     *
     * @throws NotFoundException when the stream is off, or the function, its version or the queue is missing
     * @throws ConflictException when the stream already triggers this function
     */
    public StreamStore.Positioned create(WorkspaceId workspace, Request request) {
        StreamMapping mapping = new StreamMapping(UUID.randomUUID().toString(), request.table(), request.function(),
                request.qualifier(), request.batchSize(), request.startingPosition(), request.maximumRetryAttempts(),
                request.bisectBatchOnFunctionError(), request.onFailureQueue(), request.reportBatchItemFailures(),
                request.enabled(), Instant.ofEpochMilli(clock.epochMillis()));
        TableStream stream = streams.stream(workspace, request.table());
        if (!stream.enabled()) {
            throw new NotFoundException("the stream of the table '" + request.table() + "' is off: turn it on with"
                    + " PUT /api/tables/" + request.table() + "/stream first");
        }
        platform.function(workspace, request.function()).orElseThrow(() -> new NotFoundException("there is no"
                + " function named '" + request.function() + "' in this workspace"));
        platform.check(workspace, request.function(), request.qualifier());
        if (request.onFailureQueue() != null && !queues.exists(workspace, request.onFailureQueue())) {
            throw new NotFoundException("there is no queue named '" + request.onFailureQueue() + "' for the"
                    + " on-failure destination: create it with PUT /api/queues/" + request.onFailureQueue());
        }
        for (StreamStore.Positioned other : store.mappings(workspace)) {
            if (other.mapping().table().equals(request.table())
                    && other.mapping().function().equals(request.function())) {
                throw new ConflictException("the stream of '" + request.table() + "' already triggers the function '"
                        + request.function() + "' (mapping " + other.mapping().uuid() + ")");
            }
        }
        Checkpoint start = Checkpoint.after(request.startingPosition() == StreamMapping.StartingPosition.LATEST
                ? stream.lastSequence() : 0);
        store.createMapping(workspace, mapping, start);
        return new StreamStore.Positioned(workspace, mapping, start);
    }

    /** @throws NotFoundException when there is no such mapping */
    public StreamStore.Positioned mapping(WorkspaceId workspace, String uuid) {
        return store.mapping(workspace, uuid).orElseThrow(() -> new NotFoundException("there is no stream mapping "
                + uuid + " in this workspace: GET /api/stream-mappings lists them"));
    }

    public List<StreamStore.Positioned> mappings(WorkspaceId workspace) {
        return store.mappings(workspace);
    }

    /** @throws NotFoundException when there is no such mapping */
    public void delete(WorkspaceId workspace, String uuid) {
        if (!store.deleteMapping(workspace, uuid)) {
            throw new NotFoundException("there is no stream mapping " + uuid + " to delete");
        }
        lanes.remove(uuid);
    }

    /** What became of the mapping's last batch, in Lambda's words ({@code OK}, {@code PROBLEM: …}). */
    public String lastProcessingResult(String uuid) {
        Lane lane = lanes.get(uuid);
        return lane == null ? "No records processed" : lane.lastProcessingResult;
    }

    // ---- polling ----

    /**
     * Polls every enabled mapping once, now, in the calling thread (waiting for a poll of it already
     * running). Tests call it after writing or advancing a {@code ManualClock}. Returns the invocations made.
     */
    public int pollOnce() {
        int invocations = 0;
        for (StreamStore.Positioned positioned : store.enabledMappings()) {
            invocations += poll(positioned.workspace(), positioned.mapping().uuid());
        }
        return invocations;
    }

    /** The sources due on a tick: every enabled mapping; and, once a minute, the expired records forgotten. */
    private List<StreamStore.Positioned> due() {
        if (clock.nanoTime() - nextTrim >= 0) {
            streams.trim();
            nextTrim = clock.nanoTime() + TRIM_NANOS;
        }
        return store.enabledMappings();
    }

    private Lane lane(String uuid) {
        return lanes.computeIfAbsent(uuid, key -> new Lane());
    }

    /** Hands over batches from the mapping's checkpoint while they succeed; returns the invocations made. */
    private int poll(WorkspaceId workspace, String uuid) {
        Lane lane = lane(uuid);
        lane.lock.lock();
        try {
            int invocations = 0;
            for (int round = 0; round < MAX_BATCHES_PER_POLL && !loop.closed(); round++) {
                // Read again under the lock: the checkpoint is what the last poll left.
                Optional<StreamStore.Positioned> current = store.mapping(workspace, uuid);
                if (current.isEmpty() || !current.get().mapping().enabled()) {
                    return invocations;
                }
                StreamMapping mapping = current.get().mapping();
                Checkpoint at = current.get().checkpoint();
                int size = at.batchLimit() > 0 ? Math.min(at.batchLimit(), mapping.batchSize()) : mapping.batchSize();
                List<StreamRecord> batch = store.records(workspace, mapping.table(), at.sequence(), size,
                        streams.oldestKept());
                if (batch.isEmpty()) {
                    return invocations;
                }
                invocations++;
                Checkpoint next = deliver(workspace, mapping, at, batch, lane);
                store.checkpoint(workspace, uuid, next);
                if (next.attempts() > 0 || next.batchLimit() > 0 || next.sequence() == at.sequence()) {
                    return invocations; // failed: retried on a later tick, the records after it held back
                }
            }
            return invocations;
        } catch (RuntimeException e) {
            if (!loop.closed()) {
                LOG.warn("polling the stream mapping {} failed", uuid, e);
            }
            return 0;
        } finally {
            lane.lock.unlock();
            polls.polled();
        }
    }

    /**
     * Waits until the mapping has handed over every record its table's stream holds now: its checkpoint is at
     * the stream's latest record, with no failed batch waiting for a retry (each batch succeeded, or was given up
     * after its retries). Woken at the end of each poll; false when {@code timeout}, by the clock, passed first.
     *
     * @throws NotFoundException when there is no such mapping, or the table has no stream
     */
    public boolean awaitCaughtUp(WorkspaceId workspace, String uuid, Duration timeout) throws InterruptedException {
        long last = streams.stream(workspace, mapping(workspace, uuid).mapping().table()).lastSequence();
        return polls.await(() -> {
            Checkpoint at = mapping(workspace, uuid).checkpoint();
            return at.sequence() >= last && at.attempts() == 0 && at.batchLimit() == 0;
        }, timeout);
    }

    /** Invokes the function with the batch; returns where the mapping is after it. */
    private Checkpoint deliver(WorkspaceId workspace, StreamMapping mapping, Checkpoint at, List<StreamRecord> batch,
                               Lane lane) {
        String streamArn = streams.stream(workspace, mapping.table()).arn(workspace.identity());
        Invocation invocation;
        try {
            invocation = platform.invoke(workspace, mapping.function(), mapping.qualifier(),
                    DynamoDbEvent.of(workspace.identity(), streamArn, batch));
        } catch (NotFoundException e) {
            lane.lastProcessingResult = "PROBLEM: Function not found";
            return at;
        } catch (Payloads.PayloadTooLargeException e) {
            lane.lastProcessingResult = "PROBLEM: the batch's event is over Lambda's 6 MB: lower the batch size";
            return failed(workspace, mapping, at, batch, "PayloadTooLarge", streamArn);
        }
        if (invocation instanceof Invocation.Throttled throttled) {
            // A throttle is no function error: the batch waits for the next tick, no retry counted.
            lane.lastProcessingResult = "PROBLEM: Function throttled (" + throttled.throttle().reason() + ")";
            return at;
        }
        Invocation.Completed completed = (Invocation.Completed) invocation;
        if (!(completed.result().outcome() instanceof Outcome.Success(String json))) {
            lane.lastProcessingResult = "PROBLEM: Function call failed (" + completed.result().error().errorType()
                    + "); the batch is retried, and the records after it wait";
            return failed(workspace, mapping, at, batch, "Unhandled", streamArn);
        }
        Set<String> ids = batch.stream().map(StreamRecord::sequenceNumber).collect(Collectors.toSet());
        Optional<Set<String>> reported = mapping.reportBatchItemFailures() ? SqsEvent.failedIds(json, ids)
                : Optional.of(Set.of());
        if (reported.isEmpty()) {
            lane.lastProcessingResult = "PROBLEM: the function's batchItemFailures is malformed or names a record"
                    + " not in the batch, so the whole batch failed";
            return failed(workspace, mapping, at, batch, "Unhandled", streamArn);
        }
        int firstFailed = 0;
        while (firstFailed < batch.size() && !reported.get().contains(batch.get(firstFailed).sequenceNumber())) {
            firstFailed++;
        }
        if (firstFailed == batch.size()) {
            lane.lastProcessingResult = "OK";
            return Checkpoint.after(batch.getLast().sequence());
        }
        // Lambda checkpoints before the lowest failed record and retries from there.
        lane.lastProcessingResult = "OK: " + firstFailed + " of " + batch.size() + " records handed over; the"
                + " function reported record " + batch.get(firstFailed).sequenceNumber() + " failed";
        Checkpoint before = firstFailed == 0 ? at : Checkpoint.after(batch.get(firstFailed - 1).sequence());
        return failed(workspace, mapping, before, batch.subList(firstFailed, batch.size()), "Unhandled", streamArn);
    }

    /**
     * Where a failed batch leaves the mapping: split in two when bisecting (no retry counted), retried while
     * retries remain, else given up, the on-failure queue told, and the mapping past it.
     */
    private Checkpoint failed(WorkspaceId workspace, StreamMapping mapping, Checkpoint at, List<StreamRecord> batch,
                              String functionError, String streamArn) {
        if (mapping.bisectBatchOnFunctionError() && batch.size() > 1) {
            return new Checkpoint(at.sequence(), at.attempts(), (batch.size() + 1) / 2);
        }
        int attempts = at.attempts() + 1;
        if (!mapping.exhausted(attempts)) {
            return new Checkpoint(at.sequence(), attempts, at.batchLimit());
        }
        if (mapping.onFailureQueue() != null) {
            try {
                queues.send(workspace, mapping.onFailureQueue(), DynamoDbEvent.failure(workspace.identity()
                        .functionArn(mapping.function(), mapping.qualifier()), streamArn, batch, attempts,
                        functionError, clock.epochMillis()));
            } catch (RuntimeException e) {
                LOG.warn("could not tell the on-failure queue {} of a batch given up", mapping.onFailureQueue(), e);
            }
        }
        return Checkpoint.after(batch.getLast().sequence());
    }

    /** Stops the loop and waits (up to 5 s) for batches being delivered. */
    @Override
    public void close() {
        loop.close();
    }
}
