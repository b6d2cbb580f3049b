package dev.faaslab.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faaslab.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SandboxPolicy;

/**
 * One execution environment: a polyglot context holding one copy of the function's module. It serves
 * one request at a time; its globals survive from one invocation to the next (warm starts), as on
 * Lambda. After a timeout, a memory stop or a runtime crash it is discarded, and the next request
 * needs a new instance (a cold start).
 */
public final class FunctionInstance implements ExecutionEnvironment {

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    /** Lambda caps a function's Init phase at 10 seconds. */
    static final Duration INIT_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Starting a language allocates and keeps far more than a small function's memory size (a Python
     * context holds its standard library); start-up is held to this floor or the memory size, if larger.
     */
    static final int INIT_MEMORY_FLOOR_MB = 1024;


    private static final ObjectMapper JSON = dev.faaslab.core.Json.MAPPER;
    private static final DateTimeFormatter STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    private final FunctionRuntime runtime;
    private final Deployment deployment;
    private final Clock clock;
    private final String id;
    private final String logStreamName;
    private final LogSink sink = new LogSink();
    private final SdkDoor sdk;
    private volatile State state = State.NEW;
    private volatile Context context;
    /** A Python instance's /tmp, kept while it lives; null for JavaScript, and before the context is made. */
    private volatile InstanceFiles files;
    private Guest guest;
    private volatile RetainedMemory memory;
    private SandboxControl control;
    private long initNanos = -1;
    private volatile int invocations;

    FunctionInstance(FunctionRuntime runtime, Deployment deployment, String id) {
        this.id = id;
        this.runtime = runtime;
        this.deployment = deployment;
        this.clock = runtime.clock();
        this.sdk = new SdkDoor(deployment.sdk(), sink, clock);
        this.logStreamName = LocalDate.now(ZoneOffset.UTC).format(STREAM_DATE)
                + "/[" + deployment.config().version() + "]" + id;
    }

    /**
     * The most this instance's context can hold now, in bytes: what it was last measured holding plus all its
     * code has allocated since (0 before its code first ran). Read without the instance's lock, to choose
     * which idle instances to reclaim when the server is short of memory.
     */
    @Override
    public long mayHoldBytes() {
        RetainedMemory held = memory;
        return held == null ? 0 : held.mayHoldBytes();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public State state() {
        return state;
    }

    /** How many invocations this instance has served (readable while it serves one). */
    @Override
    public int invocations() {
        return invocations;
    }

    /** The Init phase's duration, once it has run. */
    public synchronized Optional<Duration> initDuration() {
        return initNanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(initNanos));
    }

    /**
     * Runs the Init phase ahead of any request (as provisioned concurrency does); an instance that
     * started this way serves its first request warm. Returns why it failed, if it did.
     */
    @Override
    public synchronized Optional<FunctionError> initialise() {
        if (state != State.NEW) {
            return Optional.empty();
        }
        LogBuffer logs = new LogBuffer(clock, "INIT", LogBuffer.DEFAULT_CAP_BYTES);
        sink.attach(logs);
        try {
            return Optional.ofNullable(init(runtime.initTimeout()));
        } finally {
            sink.attach(null);
        }
    }

    /**
     * Runs one invocation with {@code eventJson} (a JSON text) as the event; cold-starts the instance if
     * it has not started. Limits end only this invocation.
     *
     * @throws Payloads.PayloadTooLargeException when the event is over 6 MB (nothing runs)
     * @throws IllegalStateException             when the instance was discarded
     */
    public InvocationResult invoke(String eventJson) {
        return invoke(eventJson, Ids.requestId());
    }

    /** As {@link #invoke(String)}, under a request id chosen by the caller (one already acknowledged). */
    public InvocationResult invoke(String eventJson, String requestId) {
        return invoke(Event.json(eventJson), requestId);
    }

    /** As {@link #invoke(String, String)}, with the event as JSON or as an HTTP request that arrived. */
    public InvocationResult invoke(Event event, String requestId) {
        return invoke(event, requestId, 1);
    }

    /**
     * As {@link #invoke(Event, String)}, as the {@code attempt}-th delivery of an asynchronous event: the
     * guest sees it as {@code context.attempt}, the log in the START line.
     */
    public InvocationResult invoke(Event event, String requestId, int attempt) {
        return invoke(event, requestId, attempt, NOTHING);
    }

    private static final Runnable NOTHING = () -> { };

    /**
     * As {@link #invoke(Event, String, int)}; {@code initialised} runs when a cold start's Init phase has
     * succeeded and the handler is about to run (the platform tells the live panel the instance is busy).
     */
    @Override
    public synchronized InvocationResult invoke(Event event, String requestId, int attempt, Runnable initialised) {
        Payloads.checkEvent(event);
        deployment.style().check(event);
        if (state == State.DISCARDED) {
            throw new IllegalStateException("instance " + id + " was discarded; invoke a new instance");
        }
        FunctionConfig config = deployment.config();
        LogBuffer logs = new LogBuffer(clock, requestId, LogBuffer.DEFAULT_CAP_BYTES);
        sink.attach(logs);
        try {
            Long coldNanos = null;
            if (state == State.NEW) {
                FunctionError initError = init(runtime.initTimeout());
                coldNanos = initNanos;
                if (initError != null && initError.kind() == ErrorKind.TIMEOUT
                        && config.timeout().compareTo(runtime.initTimeout()) > 0) {
                    // As Lambda does: an Init phase that overran its 10 s is run again at the first invoke,
                    // under the function's own timeout (a busy machine can push a Python start past 10 s).
                    state = State.NEW;
                    initError = init(config.timeout());
                    coldNanos += initNanos;
                }
                if (initError != null) {
                    invocations++;
                    logs.recordError(initError);
                    return new InvocationResult(requestId, new Outcome.Failure(initError), logs.drain(),
                            Report.of(requestId, 0, coldNanos, config.memoryMb(), id), attempt, deployment.style());
                }
            }
            state = State.BUSY;
            if (coldNanos != null) {
                initialised.run();
            }
            long start = clock.nanoTime();
            long deadline = start + config.timeout().toNanos();
            sdk.deadline(deadline);
            Guard guard = runtime.watchdog().watch(deadline, memoryBudget(config.memoryMb()), this::stop, memory, control);
            Outcome outcome = null;
            PolyglotException failure = null;
            boolean heapRanOut = false;
            // Only a style that bills CPU time pays for reading it (twice per invocation).
            long cpuStart = deployment.style().billsCpuTime() ? CPU.getCurrentThreadCpuTime() : -1;
            try {
                outcome = guest.invoke(event, requestId, attempt, clock.epochMillis() + config.timeout().toMillis(),
                        deadline);
            } catch (PolyglotException e) {
                failure = e;
            } catch (OutOfMemoryError e) {
                heapRanOut = true;
            } catch (InterruptedException e) {
                // The host is shutting down while the guest waits on its timers: it ends as a timeout would.
                Thread.currentThread().interrupt();
            }
            long duration = clock.nanoTime() - start;
            long cpuNanos = cpuStart < 0 ? -1 : CPU.getCurrentThreadCpuTime() - cpuStart;
            // Returning nothing means the deadline passed while the guest waited on its timers; an answer that came
            // at or after the deadline is a timeout too, as on Lambda (a service call abandoned at the deadline hands
            // the guest its TimeoutError then, and the guest's failing on it must not pass for its own error).
            boolean inTime = outcome != null && duration < config.timeout().toNanos();
            FunctionError stopped = end(guard, failure, heapRanOut, inTime, config.timeout(), ErrorKind.FUNCTION,
                    false);
            if (stopped != null) {
                outcome = new Outcome.Failure(stopped);
            } else {
                outcome = limitResponse(outcome);
                state = State.IDLE;
            }
            invocations++;
            if (outcome instanceof Outcome.Failure(FunctionError error)) {
                logs.recordError(error);
            }
            Report report = Report.of(requestId, duration, coldNanos, config.memoryMb(), id);
            return new InvocationResult(requestId, outcome, logs.drain(),
                    cpuNanos < 0 ? report : report.withCpuNanos(cpuNanos), attempt, deployment.style());
        } finally {
            sink.attach(null);
        }
    }

    /** Builds the context and runs the module within {@code allowed}; returns null when ready. Holds the instance's lock. */
    private FunctionError init(Duration allowed) {
        FunctionConfig config = deployment.config();
        state = State.INITIALISING;
        runtime.engines().engine(config.language()); // a language's one-time start is not this instance's init
        long start = clock.nanoTime();
        long allocatedAtStart = runtime.watchdog().allocatedByThisThread();
        sdk.deadline(start + allowed.toNanos());
        control = runtime.engines().control(config.language());
        Guard guard = runtime.watchdog().watch(start + allowed.toNanos(),
                memoryBudget(Math.max(config.memoryMb(), INIT_MEMORY_FLOOR_MB)), this::stop, null, control);
        FunctionError error = null;
        PolyglotException failure = null;
        boolean heapRanOut = false;
        try {
            context = newContext(config);
            memory = new RetainedMemory(control, control.takeCreatedHandle(), config.memoryMb());
            guest = newGuest(context);
            error = guest.load();
        } catch (PolyglotException e) {
            failure = e;
        } catch (OutOfMemoryError e) {
            heapRanOut = true;
        }
        initNanos = clock.nanoTime() - start;
        FunctionError stopped = end(guard, failure, heapRanOut, true, allowed, ErrorKind.INIT, true);
        if (stopped != null) {
            return stopped;
        }
        if (error == null) {
            // What the module kept at its top level counts as the instance's from the start.
            memory.allocated(runtime.watchdog().allocatedByThisThread() - allocatedAtStart);
            if (holdsTooMuch()) {
                error = GuestErrors.limit(Limit.MEMORY, null, config, allowed, true);
            }
        }
        if (error != null) {
            discard();
        } else {
            state = State.IDLE;
        }
        return error;
    }

    /**
     * Ends the watchdog's hold on a stretch of guest code. Returns null when the code finished in time;
     * otherwise discards the instance and says why: a limit the watchdog tripped (or the JVM refusing
     * an allocation) becomes a limit error, anything else thrown a runtime failure, as when Lambda's
     * runtime process crashes.
     *
     * @param failure    what the guest threw, or null
     * @param heapRanOut whether the JVM refused an allocation outside the guest's own code (in the host code
     *                   that carries its event and answer), where it arrives as itself, not as a guest error
     * @param returned   whether the guest handed back a result; if not, and nothing was thrown, time ran out
     */
    private FunctionError end(Guard guard, PolyglotException failure, boolean heapRanOut, boolean returned,
                              Duration allowed, ErrorKind kind, boolean init) {
        Limit limit = guard.release();
        if (limit == null && (heapRanOut || failure != null && failure.isResourceExhausted())) {
            // The JVM refused an allocation: the whole server's heap ran out, not this function's memory size.
            limit = Limit.SERVER_MEMORY;
        }
        if (limit == null && failure == null && heldTooMuch(guard)) {
            limit = Limit.MEMORY;
        }
        if (limit == null && failure == null && !returned) {
            limit = Limit.TIMEOUT;
        }
        if (limit == null && failure == null) {
            return null;
        }
        FunctionConfig config = deployment.config();
        FunctionError error = limit != null
                ? GuestErrors.limit(limit, failure, config, allowed, init)
                : GuestErrors.fromPolyglot(failure, config, kind);
        discard();
        return error;
    }

    /**
     * Whether the context, now that its code has stopped, holds more than its limit: checked when what the
     * code allocated could have taken it there, so that memory kept from one warm invocation to the next
     * adds up as it does on Lambda. The module's start-up is held only by the watchdog's estimate.
     */
    private boolean heldTooMuch(Guard guard) {
        if (guard.memory == null) {
            return false;
        }
        memory.allocated(runtime.watchdog().allocatedSince(guard));
        return holdsTooMuch();
    }

    /** Measures the context if its allocations call for it. */
    private boolean holdsTooMuch() {
        return memory.measurable() && memory.mayExceed(0) && memory.exceeded(memory.measure());
    }

    private Context newContext(FunctionConfig config) {
        Language language = config.language();
        Context.Builder builder = Context.newBuilder(language.polyglotId())
                .engine(runtime.engines().engine(language))
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(sink.stream(LogLevel.INFO))
                .err(sink.stream(LogLevel.ERROR));
        if (language == Language.PYTHON) {
            files = InstanceFiles.create(deployment.taskFolder());
            builder.environment(deployment.environment(logStreamName)).allowIO(files.io());
        } else {
            builder.allowIO(deployment.moduleAccess()); // ES modules load through a file system: ours
        }
        return builder.build();
    }

    private Guest newGuest(Context context) {
        FunctionConfig config = deployment.config();
        Map<String, Object> guestConfig = new LinkedHashMap<>();
        guestConfig.put("functionName", config.name());
        guestConfig.put("functionVersion", config.version());
        guestConfig.put("invokedFunctionArn", config.arn());
        guestConfig.put("accountId", config.identity().accountId());
        guestConfig.put("memoryLimitInMB", config.memoryMb());
        guestConfig.put("logGroupName", config.logGroupName());
        guestConfig.put("logStreamName", logStreamName);
        guestConfig.put("fileName", config.fileName());
        guestConfig.put("module", config.handler().module());
        guestConfig.put("exportName", config.handler().function());
        guestConfig.put("environment", deployment.environment(logStreamName));
        guestConfig.put("package", config.codePackage() != null);
        guestConfig.put("bindings", config.bindings());
        String configJson;
        try {
            configJson = JSON.writeValueAsString(guestConfig);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return switch (config.language()) {
            case NODEJS -> new JavaScriptGuest(context, deployment, sink, clock, configJson, sdk);
            case PYTHON -> new PythonGuest(context, deployment, sink, clock, configJson, sdk);
        };
    }

    private static Outcome limitResponse(Outcome outcome) {
        if (outcome instanceof Outcome.Success(String json) && Payloads.responseTooLarge(json)) {
            return new Outcome.Failure(new FunctionError(ErrorKind.FUNCTION, "Function.ResponseSizeTooLarge",
                    "Response payload size exceeded maximum allowed payload size (" + Payloads.MAX_BYTES + " bytes).",
                    null, List.of(), "Return less data, or store it elsewhere and return a reference."));
        }
        return outcome;
    }

    private static long memoryBudget(int megabytes) {
        return megabytes * 1024L * 1024L;
    }

    /**
     * Called by the watchdog (from its stopper thread) when a limit trips, and on discarding: closes the
     * context, cancelling any guest code running in it; returns once that code has stopped.
     */
    private void stop() {
        Context running = context;
        if (running != null) {
            try {
                running.close(true);
            } catch (RuntimeException ignored) {
                // already closing or closed: the guest is stopped either way
            }
        }
    }

    private void discard() {
        state = State.DISCARDED;
        stop();
        context = null;
        guest = null;
        InstanceFiles kept = files;
        files = null;
        if (kept != null) {
            try {
                kept.close(); // the instance's /tmp goes with it, as on Lambda
            } catch (java.io.IOException ignored) {
                // an in-memory file system has nothing to fail on closing
            }
        }
    }

    @Override
    public synchronized void close() {
        if (state != State.DISCARDED) {
            discard();
        }
    }
}
