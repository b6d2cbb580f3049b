package dev.faaslab.grader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.core.Json;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.events.queue.EventSourceMapping;
import dev.faaslab.events.queue.QueueAttributes;
import dev.faaslab.events.queue.QueueCounts;
import dev.faaslab.events.queue.QueueService;
import dev.faaslab.events.queue.ReceivedMessage;
import dev.faaslab.events.stream.StreamMapping;
import dev.faaslab.events.stream.StreamPoller;
import dev.faaslab.exercise.GradingServices;
import dev.faaslab.logs.LogEntry;
import dev.faaslab.platform.EventInvokeConfig;
import dev.faaslab.platform.FunctionSpec;
import dev.faaslab.platform.Invocation;
import dev.faaslab.platform.Platform;
import dev.faaslab.runtime.Event;
import dev.faaslab.runtime.FunctionError;
import dev.faaslab.runtime.HandlerName;
import dev.faaslab.runtime.HttpReply;
import dev.faaslab.runtime.InvocationResult;
import dev.faaslab.runtime.Language;
import dev.faaslab.runtime.LogLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * One check's run: a function freshly deployed for it in the submission's own workspace, and ways to invoke it.
 *
 * @param services  the real platform, and the tables and buckets the exercise's fixtures are in
 * @param workspace the submission's workspace
 * @param function  the function deployed for this check
 * @param limits    the exercise's limits, as the function was deployed with
 * @param config    the settings the submission carries beside its code: its reserved concurrency is deployed
 *                  already; a check that makes a queue trigger lays {@link SubmissionConfig#mapping} over its own
 */
record Trial(GradingServices services, WorkspaceId workspace, String function, Exercise.Limits limits,
             SubmissionConfig config) {

    /** Added to a wait for asynchronous events' bound: the demonstration delays, and a loaded machine's slowness. */
    static final Duration SETTLE_ROOM = Duration.ofMinutes(2);
    static final int MAX_LOG_LINES = 1000;

    Platform platform() {
        return services.platform();
    }

    /** Instances of the function that ran their Init, as the platform counted them. */
    long instancesStarted() {
        return platform().totals(workspace, function).coldStarts();
    }

    /** How many times the function made this SDK call ({@code bucket.get reference}), as the platform counted. */
    long sdkCalls(String label) {
        return platform().sdkCalls(workspace, function).getOrDefault(label, 0L);
    }

    /**
     * Deploys the function again with one variable changed ({@code FAASLAB_DEPLOYMENT}), so that its idle
     * instances are retired and the next requests start new ones, as after an update on Lambda: whatever an
     * instance kept in memory is gone.
     */
    void replaceInstances() {
        FunctionSpec spec = spec();
        Map<String, String> environment = new HashMap<>(spec.environment());
        environment.merge("FAASLAB_DEPLOYMENT", "2", (old, ignored) -> Integer.toString(Integer.parseInt(old) + 1));
        redeploy(spec.withEnvironment(environment));
    }

    /**
     * Makes the queue {@code check-N-failed} and deploys the function again to send the asynchronous events it
     * gives up on there, after {@code maximumRetryAttempts} retries at the platform's demonstration delays (1 s,
     * then 2 s: Lambda's minutes would hold a grade that long). Returns the queue's name.
     */
    String sendFailuresToQueue(int maximumRetryAttempts) {
        String queue = function + "-failed";
        services.queues().put(workspace, queue, QueueAttributes.DEFAULT);
        retryAsync(maximumRetryAttempts, queue);
        return queue;
    }

    /** Deploys the function again to retry a failed asynchronous event {@code maximumRetryAttempts} times, quickly. */
    void retryAsync(int maximumRetryAttempts, String onFailure) {
        redeploy(spec().withEventInvoke(new EventInvokeConfig(maximumRetryAttempts,
                EventInvokeConfig.MAX_EVENT_AGE, onFailure, EventInvokeConfig.RetryDelays.DEMONSTRATION)));
    }

    /** Deploys the function again with this reserved concurrency (null: none, the workspace's pool). */
    void reserve(Integer reservedConcurrency) {
        redeploy(spec().withReservedConcurrency(reservedConcurrency));
    }

    /** The language the check's function is written in. */
    Language language() {
        return spec().language();
    }

    /** The check's function as deployed now. */
    private FunctionSpec spec() {
        return platform().function(workspace, function)
                .orElseThrow(() -> new IllegalStateException("the check's function " + function + " is gone"))
                .spec();
    }

    private void redeploy(FunctionSpec spec) {
        platform().save(workspace, spec, null);
    }

    /**
     * {@code count} invocations released at once, each from its own thread, as the platform answered them: a
     * throttle is an answer here, not an error.
     */
    List<Invocation> burst(EventSpec event, int count) {
        return burst(List.of(event), count);
    }

    /** {@code count} invocations released at once, taking {@code events} in turn. */
    List<Invocation> burst(List<EventSpec> events, int count) {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(count, Thread.ofPlatform()
                .name("faaslab-grade-", 0).daemon(true).factory())) {
            List<Future<Invocation>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                EventSpec event = events.get(i % events.size());
                futures.add(threads.submit(() -> {
                    start.await();
                    return platform().invoke(workspace, function, null, event.json());
                }));
            }
            start.countDown();
            List<Invocation> answers = new ArrayList<>(count);
            for (Future<Invocation> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while invoking", e);
        }
    }

    /** The most instances of the function busy at once in the last {@code seconds}, as the platform measured. */
    int peakConcurrency(int seconds) {
        return platform().metrics(workspace, function, seconds).stream()
                .mapToInt(point -> (int) point.concurrentPeak()).max().orElse(0);
    }

    /** Sends the event as an asynchronous ({@code Event}) invocation; returns its request id. */
    String invokeAsync(EventSpec event) {
        return platform().invokeAsync(workspace, function, null, event.json());
    }

    /**
     * Waits until the platform is done with every asynchronous event sent: each succeeded, or gave up after its
     * last attempt. The platform wakes the wait as events finish; the bound only stops a grade that would
     * otherwise hang (every attempt of {@code events} timing out, one after another, and the delays, with room).
     *
     * @throws IllegalStateException when the bound passed first
     */
    void awaitAsyncSettled(int events, int maximumRetryAttempts) {
        Duration bound = SETTLE_ROOM.plus(Duration.ofSeconds((long) events * (maximumRetryAttempts + 1)
                * (limits.timeoutSeconds() + 3)));
        if (!platform().awaitAsyncSettled(workspace, bound)) {
            throw new IllegalStateException("the platform had not finished the asynchronous events after "
                    + bound.toSeconds() + " s");
        }
    }

    /** The records the platform sent to {@code queue}, as Lambda's on-failure destination writes them. */
    List<JsonNode> queueRecords(String queue) {
        List<JsonNode> records = new ArrayList<>();
        while (true) {
            // Received, not deleted: hidden from the next receive, so each is read once.
            List<ReceivedMessage> messages = services.queues().receive(workspace, queue, QueueService.MAX_RECEIVE,
                    QueueAttributes.MAX_VISIBILITY_TIMEOUT);
            if (messages.isEmpty()) {
                return records;
            }
            for (ReceivedMessage message : messages) {
                try {
                    records.add(Json.MAPPER.readTree(message.body()));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("the platform's on-failure record is not JSON: " + message.body(), e);
                }
            }
        }
    }

    /**
     * Makes {@code queue} trigger the function (an event source mapping, enabled); returns its id.
     *
     * <p>The one place where a check's mapping is made, with the submission's own settings laid over the
     * manifest's ({@link SubmissionConfig#over}).
     */
    String mapQueue(String queue, QueueDelivery.QueueMapping manifest) {
        QueueDelivery.QueueMapping mapping = config.over(manifest);
        return services.queuePoller().create(workspace, queue, function, null, mapping.batchSize(), 0,
                EventSourceMapping.responseTypes(mapping.reportBatchItemFailures()), mapping.maximumConcurrency(), true)
                .mapping().uuid();
    }

    /** Deletes a mapping {@link #mapQueue} made. */
    void unmapQueue(String uuid) {
        services.queuePoller().delete(workspace, uuid);
    }

    /** Makes the table's stream trigger the function from its oldest record; returns the mapping's id. */
    String mapStream(String table, TableChanges.StreamSettings settings) {
        return services.streamPoller().create(workspace, new StreamPoller.Request(table, function, null,
                settings.batchSize(), StreamMapping.StartingPosition.TRIM_HORIZON, settings.maximumRetryAttempts(),
                settings.bisectBatchOnFunctionError(), null, settings.reportBatchItemFailures(), true))
                .mapping().uuid();
    }

    /** Deletes a mapping {@link #mapStream} made. */
    void unmapStream(String uuid) {
        services.streamPoller().delete(workspace, uuid);
    }

    /** Waits, woken by the poller, until the platform is done with every message of the mapping's queue. */
    boolean awaitDrained(String uuid, Duration bound) {
        try {
            return services.queuePoller().awaitDrained(workspace, uuid, bound);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits, woken by the poller, until the mapping has handed over every record of its stream. */
    boolean awaitCaughtUp(String uuid, Duration bound) {
        try {
            return services.streamPoller().awaitCaughtUp(workspace, uuid, bound);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The messages a queue holds, visible or not. */
    long messagesIn(String queue) {
        QueueCounts counts = services.queues().counts(workspace, services.queues().queue(workspace, queue));
        return counts.visible() + counts.inFlight() + counts.delayed();
    }

    /** Deletes a queue {@link #sendFailuresToQueue} made. */
    void deleteQueue(String queue) {
        services.queues().delete(workspace, queue);
    }

    /** What the function logged, all invocations of it together (START, END and REPORT left out). */
    String loggedOutput() {
        return platform().logs(workspace, function, 0, MAX_LOG_LINES).stream().map(LogEntry::text)
                .filter(line -> !line.startsWith("START ") && !line.startsWith("END ") && !line.startsWith("REPORT "))
                .collect(Collectors.joining("\n"));
    }

    /**
     * Deploys the submission once more as the function {@code name}, following another provider's handler style with
     * another handler (a door of {@link Doors}); {@link #delete} removes it.
     *
     * @throws dev.faaslab.core.InvalidInputException when the style cannot call the code (it names what it looked for)
     */
    void deployAs(String name, String style, String handler) {
        FunctionSpec base = spec();
        platform().save(workspace, new FunctionSpec(name, base.language(), HandlerName.parse(handler), base.code(),
                base.memoryMb(), base.timeout(), base.environment(), base.reservedConcurrency(),
                base.provisionedConcurrency(), base.keepAlive(), base.eventInvoke(), base.codePackage(), style,
                base.bindings()), null);
    }

    /** Removes a function {@link #deployAs} made. */
    void delete(String name) {
        platform().delete(workspace, name);
    }

    /** What a function's HTTP trigger answered: the invocation, and the HTTP response its style made of it. */
    record HttpAnswer(InvocationResult result, HttpReply reply) {
    }

    /** One request through {@code name}'s HTTP trigger, as a client's reaches it; a throttle is an error. */
    HttpAnswer invokeHttp(String name, Event.Http request) {
        if (platform().invoke(workspace, name, null, request, request.requestId())
                instanceof Invocation.Completed completed) {
            return new HttpAnswer(completed.result(), completed.httpReply());
        }
        throw new IllegalStateException("the platform throttled the check's request to " + name);
    }

    /** One invocation, as the platform ran it; a throttle (which a check never provokes) is an error. */
    InvocationResult invoke(EventSpec event) {
        return completed(platform().invoke(workspace, function, null, event.json()));
    }

    private static InvocationResult completed(Invocation invocation) {
        if (invocation instanceof Invocation.Completed completed) {
            return completed.result();
        }
        throw new IllegalStateException("the platform throttled the check's invocation: " + invocation);
    }

    /** {@code count} invocations one after another. */
    List<InvocationResult> invokeSequentially(EventSpec event, int count) {
        List<InvocationResult> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            results.add(invoke(event));
        }
        return results;
    }

    /** {@code count} invocations released at once, each from its own thread. */
    List<InvocationResult> invokeConcurrently(EventSpec event, int count) {
        return invokeConcurrently(List.of(event), count);
    }

    /** {@code count} invocations released at once, each from its own thread, taking {@code events} in turn. */
    List<InvocationResult> invokeConcurrently(List<EventSpec> events, int count) {
        return burst(events, count).stream().map(Trial::completed).toList();
    }

    /** One invocation per event, all released at once; a throttle (which a check never provokes) is an error. */
    List<InvocationResult> invokeConcurrently(List<EventSpec> events) {
        return invokeConcurrently(events, events.size());
    }

    /**
     * Lets go of the function's instances without changing it, as a lesson's "fresh instances" does: the next
     * requests start new ones.
     */
    void letGoOfInstances() {
        platform().replaceInstances(workspace, function);
    }

    /** The first failed invocation's verdict, if any failed: a check on behaviour needs code that runs. */
    static Verdict firstFailure(List<InvocationResult> results, String expected) {
        for (InvocationResult result : results) {
            if (!result.succeeded()) {
                return failure(result.error(), expected, output(results));
            }
        }
        return null;
    }

    /** The verdict for an invocation that ended in {@code error}: its status says how it ended. */
    static Verdict failure(FunctionError error, String expected, String output) {
        CheckStatus status = switch (error.kind()) {
            case TIMEOUT -> CheckStatus.TIMEOUT;
            case MEMORY -> CheckStatus.MEMORY_LIMIT;
            case SYNTAX -> CheckStatus.SYNTAX_ERROR;
            case FUNCTION, INIT -> CheckStatus.ERROR;
        };
        String actual = switch (error.kind()) {
            case TIMEOUT -> "the function timed out: " + error.describe();
            case MEMORY -> "the function ran out of memory: " + error.describe();
            default -> "the function failed: " + error.describe();
        };
        return new Verdict(status, expected, actual, output);
    }

    /** What the function logged across {@code results}, one line per log record. */
    static String output(List<InvocationResult> results) {
        return results.stream().flatMap(result -> result.logs().stream()).map(LogLine::message)
                .collect(Collectors.joining("\n"));
    }
}
