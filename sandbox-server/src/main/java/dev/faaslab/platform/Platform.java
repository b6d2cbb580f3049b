package dev.faaslab.platform;

import dev.faaslab.billing.Bill;
import dev.faaslab.core.InvalidInputException;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.logs.LogEntry;
import dev.faaslab.metrics.FunctionMetrics;
import dev.faaslab.metrics.MetricPoint;
import dev.faaslab.runtime.Event;
import dev.faaslab.runtime.FunctionRuntime;
import dev.faaslab.runtime.Ids;
import dev.faaslab.runtime.Payloads;
import dev.faaslab.runtime.sdk.SdkRegistry;
import dev.faaslab.stream.EventHub;
import dev.faaslab.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The serverless platform: functions per workspace, their instance pools, limits and throttling,
 * usage and billing, metrics, logs and live events. The HTTP layer and the CLI talk to this class;
 * it hands each question to the part whose job it is: the {@link FunctionRegistry}, the
 * {@link AsyncInvocations}, the {@link Ticker}, the {@link PlatformViews} and the {@link WorkspaceBilling}.
 * Everything that waits, expires or is billed reads the one {@link Clock}.
 */
public final class Platform implements AutoCloseable {

    private final Clock clock;
    private final FunctionRuntime runtime;
    private final PlatformLimits limits;
    private final SdkRegistry sdk = new SdkRegistry();
    private final Workspaces workspaces;
    private final Provisioning provisioning;
    private final FunctionRegistry registry;
    private final AsyncInvocations async;
    private final WorkspaceBilling billing;
    private final PlatformViews views;
    private final Ticker ticker;
    private final long startedNanos;

    public Platform(Clock clock, FunctionRuntime runtime, FunctionStore store, WorkspaceData data, EventLog eventLog,
                    PlatformLimits limits) {
        this(clock, runtime, store, data, eventLog, limits, Destinations.NONE);
    }

    /** A platform whose functions may send failed asynchronous events to {@code destinations}' queues. */
    public Platform(Clock clock, FunctionRuntime runtime, FunctionStore store, WorkspaceData data, EventLog eventLog,
                    PlatformLimits limits, Destinations destinations) {
        this(clock, runtime, store, data, eventLog, limits, destinations, FunctionRegistry.SyntaxCheck.of(runtime));
    }

    /** As above, with the check that refuses code that does not parse: tests hold it to show what waits for it. */
    Platform(Clock clock, FunctionRuntime runtime, FunctionStore store, WorkspaceData data, EventLog eventLog,
             PlatformLimits limits, Destinations destinations, FunctionRegistry.SyntaxCheck syntax) {
        this.clock = clock;
        this.runtime = runtime;
        this.limits = limits;
        this.startedNanos = clock.nanoTime();
        this.workspaces = new Workspaces(clock, runtime, store, limits, sdk);
        this.provisioning = new Provisioning(clock);
        this.registry = new FunctionRegistry(clock, store, limits, destinations, workspaces, provisioning, syntax);
        this.async = new AsyncInvocations(clock, eventLog, limits, destinations, workspaces);
        this.billing = new WorkspaceBilling(clock, data, workspaces);
        this.views = new PlatformViews(clock, workspaces, async);
        this.ticker = new Ticker(clock, workspaces, async, billing);
        workspaces.quarantine().onAdmit(registry::rehost);
        registry.restore();
        ticker.start(); // it runs the events a restart left in the log
    }

    public Clock clock() {
        return clock;
    }

    public FunctionRuntime runtime() {
        return runtime;
    }

    public PlatformLimits limits() {
        return limits;
    }

    /** The workspace's limits: the platform's, or its own where {@link #limitEach} says so. */
    public PlatformLimits limits(WorkspaceId id) {
        return workspaces.get(id).limits();
    }

    /**
     * Turns the quarantine on (a shared server's): a workspace whose code runs into its timeout or memory size runs on
     * {@code worker} from then on, a process with a heap and CPU priority of its own. Wired once, at start-up.
     */
    public void quarantineIn(dev.faaslab.runtime.GuestHost worker) {
        workspaces.quarantine().runIn(worker);
    }

    /**
     * Runs a grading's functions in {@code scratch} where {@code learner}'s code runs (the quarantine's worker if they
     * are held as it begins), and counts an offence in it as the learner's; closing the result ends that. A grading
     * for nobody ({@code learner} null: the command line's) changes nothing.
     */
    public Registration gradingFor(WorkspaceId scratch, WorkspaceId learner) {
        return learner == null ? () -> { } : workspaces.quarantine().grading(scratch, learner);
    }

    /** Something the platform was told, undone by closing it. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** How many workspaces' code runs in the quarantine. */
    public int quarantinedCount() {
        return workspaces.quarantine().count();
    }

    /** Whether a workspace's code runs in the quarantine. */
    public boolean quarantined(WorkspaceId id) {
        return workspaces.quarantine().holds(id);
    }

    /** Gives workspaces limits of their own (a class's quotas for its learners); wired once, at start-up. */
    public void limitEach(WorkspaceLimits workspaceLimits) {
        workspaces.limitEach(workspaceLimits);
    }

    /** The services functions reach through the {@code faaslab} module; register each one as it is built. */
    public SdkRegistry sdk() {
        return sdk;
    }

    /** Since the platform started. */
    public long uptimeMillis() {
        return (clock.nanoTime() - startedNanos) / 1_000_000;
    }

    // ---- functions: the registry ----

    /**
     * Creates or updates a function's {@code $LATEST}. Saves in one workspace happen one at a time; saves in
     * different workspaces, and the parsing of any save's code, happen side by side.
     *
     * @param expectedRevision when not null, the update applies only if the stored revision is this one
     * @throws CodeException     when the code does not parse
     * @throws ConflictException when {@code expectedRevision} is outdated
     * @throws IllegalArgumentException when the reservation leaves the workspace too little unreserved concurrency
     * @throws QuotaExceededException   past the number of functions, the size of one's code or the code storage
     */
    public FunctionStore.Saved save(WorkspaceId id, FunctionSpec spec, Long expectedRevision) {
        return registry.save(id, spec, expectedRevision);
    }

    public Optional<FunctionRecord> function(WorkspaceId id, String name) {
        return registry.function(id, name);
    }

    public List<FunctionRecord> functions(WorkspaceId id) {
        return registry.functions(id);
    }

    /**
     * Lets go of the instances of a function's {@code $LATEST}, so that the next request is a cold start (a
     * lesson's "fresh instances"): idle ones leave now, busy ones when they finish; provisioned ones start again.
     *
     * @throws NotFoundException when there is no such function
     */
    public void replaceInstances(WorkspaceId id, String name) {
        registry.replaceInstances(id, name);
    }

    /** Deletes a function, its versions and its instances; false when there was none. */
    public boolean delete(WorkspaceId id, String name) {
        return registry.delete(id, name);
    }

    /**
     * Publishes {@code $LATEST} as a new version, or answers the newest again when nothing changed.
     *
     * @throws QuotaExceededException past the function's versions or the workspace's code storage
     */
    public VersionRecord publish(WorkspaceId id, String name, String description) {
        return registry.publish(id, name, description);
    }

    public List<VersionRecord> versions(WorkspaceId id, String name) {
        return registry.versions(id, name);
    }

    // ---- invocations ----

    /**
     * Runs one request synchronously ({@code RequestResponse}).
     *
     * @param qualifier {@code $LATEST} (or null) or a published version number
     * @throws NotFoundException                   when there is no such function or version
     * @throws Payloads.PayloadTooLargeException   when the event is over 6 MB
     */
    public Invocation invoke(WorkspaceId id, String name, String qualifier, String eventJson) {
        return invoke(id, name, qualifier, eventJson, Ids.requestId());
    }

    public Invocation invoke(WorkspaceId id, String name, String qualifier, String eventJson, String requestId) {
        return invoke(id, name, qualifier, Event.json(eventJson), requestId);
    }

    /** As {@link #invoke(WorkspaceId, String, String, String, String)}, the event as JSON or as the HTTP trigger's values. */
    public Invocation invoke(WorkspaceId id, String name, String qualifier, Event event, String requestId) {
        return workspaces.get(id).function(name).invoke(qualifier, event, requestId);
    }

    /**
     * Writes a WARN line of the platform's into the function's log, for an invocation that has completed
     * (after its REPORT, with its request id): advice on what the platform made of its answer.
     */
    public void logNote(WorkspaceId id, String name, Invocation.Completed invocation, String message) {
        workspaces.get(id).function(name).note(invocation, message);
    }

    /**
     * Checks that a function and version exist, as a DryRun does.
     *
     * @throws NotFoundException when either does not
     */
    public void check(WorkspaceId id, String name, String qualifier) {
        workspaces.get(id).function(name).pool(qualifier);
    }

    /**
     * Accepts an asynchronous ({@code Event}) invocation: it is stored before this returns, and runs
     * soon after, even across a restart. A function error is retried as the function's
     * {@link EventInvokeConfig} says, and after the last failure the event goes to its on-failure
     * destination. Delivery is at least once: an attempt a restart interrupted runs again. Returns its
     * request id. The event waits in the event log; only the few being run are held in memory.
     *
     * @throws NotFoundException      when there is no such function or version
     * @throws QuotaExceededException when the event is over its size, or the workspace has too many
     *                                events (or bytes of them) accepted and not finished
     */
    public String invokeAsync(WorkspaceId id, String name, String qualifier, String eventJson) {
        return async.accept(id, name, qualifier, eventJson);
    }

    /**
     * Runs the asynchronous attempts due by the clock's time now, and waits until none is running. The
     * ticker does this ten times a second by itself; tests call it after advancing a {@code ManualClock}.
     */
    public void settleAsync() {
        try {
            async.settle();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until the workspace has no asynchronous event accepted and not finished: each has succeeded, or
     * given up after its last attempt (and gone to its on-failure destination, if it has one). Woken as events
     * finish; the ticker runs the retries when they are due. False when {@code timeout}, by the platform's
     * clock, passed first.
     */
    public boolean awaitAsyncSettled(WorkspaceId id, Duration timeout) {
        try {
            return async.awaitSettled(id, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Asynchronous events accepted and not finished that are not running now, in every workspace. */
    public long asyncWaiting() {
        return async.waiting();
    }

    /** Asynchronous events the platform holds in memory now, with their payloads. */
    public int asyncHeld() {
        return async.held();
    }

    // ---- what learners watch ----

    public List<InstanceView> instances(WorkspaceId id, String name) {
        return views.instances(id, name);
    }

    /** Requests in flight for the function now. */
    public int inFlight(WorkspaceId id, String name) {
        return views.inFlight(id, name);
    }

    /** Provisioned instances ready to serve ({@code $LATEST}). */
    public int provisionedReady(WorkspaceId id, String name) {
        return views.provisionedReady(id, name);
    }

    public FunctionMetrics.Totals totals(WorkspaceId id, String name) {
        return views.totals(id, name);
    }

    /** The function's SDK calls since it was loaded, per call ({@code bucket.get reference} → 3). */
    public Map<String, Long> sdkCalls(WorkspaceId id, String name) {
        return views.sdkCalls(id, name);
    }

    /** The function's metrics for the last {@code seconds} seconds (the current one included), oldest first. */
    public List<MetricPoint> metrics(WorkspaceId id, String name, int seconds) {
        return views.metrics(id, name, seconds);
    }

    /** Log lines after a sequence number (0 for the oldest kept), oldest first. */
    public List<LogEntry> logs(WorkspaceId id, String name, long afterSequence, int limit) {
        return views.logs(id, name, afterSequence, limit);
    }

    public List<LogEntry> logTail(WorkspaceId id, String name, int limit) {
        return views.logTail(id, name, limit);
    }

    public EventHub hub(WorkspaceId id) {
        return views.hub(id);
    }

    /** What the workspace uses now of the quotas in {@link #limits()} and of its concurrency. */
    public WorkspaceUsage usage(WorkspaceId id) {
        return views.usage(id);
    }

    /** Instances by state across every workspace. */
    public InstanceCounts instanceCounts() {
        return views.instanceCounts();
    }

    // ---- billing ----

    public BillingSettings billing(WorkspaceId id) {
        return billing.settings(id);
    }

    public void setBilling(WorkspaceId id, BillingSettings settings) {
        billing.put(id, settings);
    }

    /** The workspace's bill since the platform started. */
    public Bill bill(WorkspaceId id) {
        return billing.bill(id);
    }

    /** One function's bill since the platform started (no free tier: that is the workspace's allowance). */
    public Bill bill(WorkspaceId id, String name) {
        return billing.bill(id, name);
    }

    // ---- the ticker ----

    /**
     * Frees at least {@code bytes} if it can, by closing idle on-demand instances in every workspace, those
     * that may hold most first (provisioned ones are paid for, and kept). Called by the runtime when the
     * server is short of memory; returns how many instances it closed.
     */
    public int reclaimIdle(long bytes) {
        return ticker.reclaimIdle(bytes);
    }

    /** Runs the keep-alive sweep now (the ticker runs it ten times a second). */
    public void sweep() {
        ticker.sweep();
    }

    /**
     * Stops the ticker and background work, and closes every instance. In-flight requests are the
     * HTTP server's to drain before this is called.
     */
    @Override
    public void close() {
        ticker.stop();
        async.stop();
        provisioning.stop();
        try {
            provisioning.awaitStopped();
            async.awaitStopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Workspace workspace : workspaces.all()) {
            for (LiveFunction function : workspace.functions()) {
                Provisioning.close(function.retire());
            }
        }
    }
}
