package dev.faaslab.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.runtime.Event;
import dev.faaslab.runtime.FunctionConfig;
import dev.faaslab.runtime.Ids;
import dev.faaslab.runtime.Payloads;
import dev.faaslab.runtime.sdk.Lineage;
import dev.faaslab.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asynchronous ({@code Event}) invocations: accepting them into the {@link EventLog}, each attempt, its
 * retries and throttle back-off, and after the last failure the on-failure destination. The
 * {@link AsyncInvoker} decides which events run when; the {@link AsyncBacklog} counts what waits.
 */
final class AsyncInvocations {

    /** Also the most asynchronous events held in memory at once: the rest wait in the event log. */
    static final int THREADS = 4;
    static final long MAX_THROTTLE_BACKOFF_MILLIS = 60_000;
    private static final DateTimeFormatter RECORD_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Logger LOG = LoggerFactory.getLogger(AsyncInvocations.class);
    private static final ObjectMapper JSON = dev.faaslab.core.Json.MAPPER;

    private final Clock clock;
    private final EventLog eventLog;
    private final PlatformLimits limits;
    private final Destinations destinations;
    private final Workspaces workspaces;
    /** Asynchronous events run beside requests, not behind provisioning: a few at a time, each to its end. */
    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS, Thread.ofPlatform()
            .name("faaslab-async-", 0).daemon(true).factory());
    private final AsyncInvoker invoker;
    private final AsyncBacklog backlog;
    /** Per event, the wait before its next try after a throttle (Lambda backs off, for up to the event's age). */
    private final Map<String, Long> throttleBackoffMillis = new ConcurrentHashMap<>();
    private volatile boolean stopped;
    /** Signalled whenever an event leaves the log, for {@link #awaitSettled}. */
    private final ReentrantLock finishing = new ReentrantLock();
    private final Condition leftTheLog = finishing.newCondition();

    AsyncInvocations(Clock clock, EventLog eventLog, PlatformLimits limits, Destinations destinations,
                     Workspaces workspaces) {
        this.clock = clock;
        this.eventLog = eventLog;
        this.limits = limits;
        this.destinations = destinations;
        this.workspaces = workspaces;
        this.invoker = new AsyncInvoker(clock, eventLog, threads, THREADS, this::attempt);
        this.backlog = new AsyncBacklog(eventLog.backlogs());
    }

    /** As {@link Platform#invokeAsync}. */
    String accept(WorkspaceId id, String name, String qualifier, String eventJson) {
        long bytes = Payloads.utf8Size(eventJson);
        limits.quotas().checkAsyncPayload(bytes);
        workspaces.get(id).function(name).pool(qualifier);
        // An event caused by a function's SDK call (a write to a bucket it is subscribed to) joins that call's chain.
        PendingEvent event = new PendingEvent(Ids.requestId(), id, name,
                qualifier == null ? FunctionConfig.LATEST : qualifier, eventJson, Instant.ofEpochMilli(clock.epochMillis()),
                Lineage.current());
        backlog.add(id, bytes, limits.quotas());
        try {
            eventLog.append(event);
        } catch (RuntimeException e) {
            backlog.remove(id, bytes);
            throw e;
        }
        invoker.runDue();
        return event.requestId();
    }

    /** Starts the attempts due now (the ticker calls this ten times a second). */
    void runDue() {
        invoker.runDue();
    }

    /** As {@link Platform#settleAsync}. */
    void settle() throws InterruptedException {
        invoker.settle();
    }

    /** Asynchronous events accepted and not finished that are not running now, in every workspace. */
    long waiting() {
        return Math.max(0, backlog.events() - invoker.held());
    }

    /** Asynchronous events held in memory now, with their payloads. */
    int held() {
        return invoker.held();
    }

    /** The workspace's events accepted and not finished. */
    EventLog.Backlog backlog(WorkspaceId id) {
        return backlog.of(id);
    }

    /** As {@link Platform#awaitAsyncSettled}. */
    boolean awaitSettled(WorkspaceId id, Duration timeout) throws InterruptedException {
        long deadline = clock.nanoTime() + timeout.toNanos();
        finishing.lock();
        try {
            while (backlog.of(id).events() > 0) {
                long left = deadline - clock.nanoTime();
                if (left <= 0) {
                    return false;
                }
                // Woken by each event that leaves the log; the slice only bounds a wait on a clock that is not
                // the system's (a ManualClock's deadline comes only when it is advanced).
                leftTheLog.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            }
            return true;
        } finally {
            finishing.unlock();
        }
    }

    /**
     * One attempt at an asynchronous event, and what follows: it leaves the log (done, or given up), or is
     * rescheduled in it for its retry.
     */
    private void attempt(PendingEvent event) {
        if (stopped) {
            return; // stays in the log: the next start runs it
        }
        try {
            LiveFunction function = workspaces.get(event.workspace()).find(event.functionName());
            if (function == null) {
                LOG.info("dropped the asynchronous event {}: the function {} was deleted", event.requestId(),
                        event.functionName());
                finished(event);
                return;
            }
            EventInvokeConfig config = function.spec().eventInvoke();
            long now = clock.epochMillis();
            if (now - event.receivedAt().toEpochMilli() > config.maximumEventAge().toMillis()) {
                giveUp(event, function, config, "EventAgeExceeded");
                return;
            }
            if (event.lineage().wouldLoop(event.functionName())) {
                stopLoop(event, function, config);
                return;
            }
            int attempt = event.attempts() + 1;
            // The invocation runs as one more link of the event's chain, and its own writes carry that on.
            Invocation invocation = ScopedValue.where(Lineage.CURRENT, event.lineage().invoked(event.functionName()))
                    .call(() -> function.invoke(event.qualifier(), Event.json(event.payload()), event.requestId(),
                            attempt));
            if (stopped) {
                return;
            }
            switch (invocation) {
                case Invocation.Throttled ignored -> {
                    // Lambda keeps retrying a throttled event, backing off, until it is too old; a throttle is no attempt.
                    long backoff = throttleBackoffMillis.merge(event.requestId(), 1_000L,
                            (previous, first) -> Math.min(previous * 2, MAX_THROTTLE_BACKOFF_MILLIS));
                    eventLog.reschedule(event.retry(event.attempts(), Instant.ofEpochMilli(now + backoff),
                            event.lastError()));
                }
                case Invocation.Completed completed when completed.result().succeeded() -> finished(event);
                case Invocation.Completed completed -> {
                    throttleBackoffMillis.remove(event.requestId());
                    String error = completed.result().errorPayload(function.spec().language());
                    PendingEvent failed = event.retry(attempt, Instant.ofEpochMilli(clock.epochMillis()
                            + config.retryDelays().after(attempt).toMillis()), error);
                    if (attempt >= config.maximumAttempts()) {
                        giveUp(failed, function, config, "RetriesExhausted");
                    } else {
                        eventLog.reschedule(failed);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("asynchronous invocation {} of {} failed to run", event.requestId(), event.functionName(), e);
            finished(event);
        }
    }

    /** The event will not run again: it leaves the log, and stops counting against the workspace's backlog. */
    private void finished(PendingEvent event) {
        throttleBackoffMillis.remove(event.requestId());
        eventLog.remove(event.requestId());
        backlog.remove(event.workspace(), Payloads.utf8Size(event.payload()));
        finishing.lock();
        try {
            leftTheLog.signalAll();
        } finally {
            finishing.unlock();
        }
    }

    /**
     * Lambda's recursive loop detection: the chain that caused this event has invoked the function
     * {@value Lineage#MAX_INVOCATIONS} times already, so the event is not run. As on Lambda it goes to the
     * on-failure destination if there is one, and counts in the function's {@code RecursiveInvocationsDropped};
     * the function's log says why, since nothing else in it would.
     */
    private void stopLoop(PendingEvent event, LiveFunction function, EventInvokeConfig config) {
        function.metrics().recursiveInvocationDropped(clock.epochMillis() / 1000);
        function.platformLine(event.requestId(), "Lambda stopped a recursive loop: this event's chain has invoked '"
                + event.functionName() + "' " + event.lineage().count(event.functionName())
                + " times (the limit is " + Lineage.MAX_INVOCATIONS + "), so it was not run"
                + (config.onFailure() == null ? " and was dropped" : " and went to the queue '" + config.onFailure() + "'")
                + ". The function writes where its own trigger fires: give the subscription a prefix or suffix"
                + " that its output does not match, or write the output to another bucket.");
        giveUp(event, function, config, "RecursiveInvocationException");
    }

    /** The event will not run again: it goes to the on-failure destination, if the function has one. */
    private void giveUp(PendingEvent event, LiveFunction function, EventInvokeConfig config, String condition) {
        String destination = config.onFailure();
        if (destination != null) {
            try {
                destinations.send(event.workspace(), destination, destinationRecord(event, function, condition));
            } catch (RuntimeException e) {
                LOG.warn("could not send the failed asynchronous event {} of {} to the queue {}: {}",
                        event.requestId(), event.functionName(), destination, e.getMessage());
            }
        } else {
            LOG.info("dropped the asynchronous event {} of {} ({}); it has no on-failure destination",
                    event.requestId(), event.functionName(), condition);
        }
        finished(event);
    }

    /** Lambda's on-failure destination record. */
    private String destinationRecord(PendingEvent event, LiveFunction function, String condition) {
        ObjectNode record = JSON.createObjectNode();
        record.put("version", "1.0");
        record.put("timestamp", RECORD_TIME.format(Instant.ofEpochMilli(clock.epochMillis())));
        ObjectNode request = record.putObject("requestContext");
        request.put("requestId", event.requestId());
        request.put("functionArn", function.spec().toConfig(event.qualifier()).arn() + ":" + event.qualifier());
        request.put("condition", condition);
        request.put("approximateInvokeCount", event.attempts());
        try {
            record.set("requestPayload", JSON.readTree(event.payload()));
            if (event.lastError() != null) {
                ObjectNode response = record.putObject("responseContext");
                response.put("statusCode", 200);
                response.put("executedVersion", event.qualifier());
                response.put("functionError", "Unhandled");
                record.set("responsePayload", JSON.readTree(event.lastError()));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an accepted event and a function's error are JSON", e);
        }
        return record.toString();
    }

    /** Attempts that have not started stay in the log for the next start; {@link #awaitStopped} waits for the rest. */
    void stop() {
        stopped = true;
        threads.shutdownNow();
    }

    void awaitStopped() throws InterruptedException {
        threads.awaitTermination(5, TimeUnit.SECONDS);
    }
}
