package dev.faaslab.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.billing.Bill;
import dev.faaslab.logs.LogEntry;
import dev.faaslab.metrics.FunctionMetrics;
import dev.faaslab.metrics.MetricPoint;
import dev.faaslab.platform.policy.KeepAlivePolicy;
import dev.faaslab.runtime.Event;
import dev.faaslab.runtime.FunctionConfig;
import dev.faaslab.runtime.FunctionError;
import dev.faaslab.runtime.Ids;
import dev.faaslab.runtime.Payloads;
import dev.faaslab.sdk.SdkRegistry;
import dev.faaslab.stream.EventHub;
import dev.faaslab.stream.StreamEvent;
import dev.faaslab.time.Clock;
import dev.faaslab.runtime.FunctionRuntime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serverless platform: functions per workspace, their instance pools, limits and throttling,
 * usage and billing, metrics, logs and live events. The HTTP layer and the CLI talk to this class
 * only. Everything that waits, expires or is billed reads the one {@link Clock}.
 */
public final class Platform implements AutoCloseable {

    /** How often idle instances are checked against their keep-alive. */
    static final long SWEEP_NANOS = 100_000_000L;
    /** Also the most asynchronous events held in memory at once: the rest wait in the event log. */
    static final int ASYNC_THREADS = 4;
    static final long MAX_THROTTLE_BACKOFF_MILLIS = 60_000;
    private static final DateTimeFormatter RECORD_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private static final Logger LOG = LoggerFactory.getLogger(Platform.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;
    private final FunctionRuntime runtime;
    private final FunctionStore store;
    private final WorkspaceData data;
    private final EventLog eventLog;
    private final PlatformLimits limits;
    private final SdkRegistry sdk = new SdkRegistry();
    private final Map<WorkspaceId, Workspace> workspaces = new ConcurrentHashMap<>();
    private final Map<WorkspaceId, BillingSettings> billing = new ConcurrentHashMap<>();
    private final ExecutorService background = Executors.newFixedThreadPool(2, Thread.ofPlatform()
            .name("faaslab-background-", 0).daemon(true).factory());
    /** Asynchronous events run beside requests, not behind provisioning: a few at a time, each to its end. */
    private final ExecutorService asyncThreads = Executors.newFixedThreadPool(ASYNC_THREADS, Thread.ofPlatform()
            .name("faaslab-async-", 0).daemon(true).factory());
    private final Destinations destinations;
    private final AsyncInvoker async;
    private final AsyncBacklog backlog;
    /** Per event, the wait before its next try after a throttle (Lambda backs off, for up to the event's age). */
    private final Map<String, Long> throttleBackoffMillis = new ConcurrentHashMap<>();
    private final Thread ticker;
    private final long startedNanos;
    private volatile boolean closed;

    public Platform(Clock clock, FunctionRuntime runtime, FunctionStore store, WorkspaceData data, EventLog eventLog,
                    PlatformLimits limits) {
        this(clock, runtime, store, data, eventLog, limits, Destinations.NONE);
    }

    /** A platform whose functions may send failed asynchronous events to {@code destinations}' queues. */
    public Platform(Clock clock, FunctionRuntime runtime, FunctionStore store, WorkspaceData data, EventLog eventLog,
                    PlatformLimits limits, Destinations destinations) {
        this.clock = clock;
        this.destinations = destinations;
        this.async = new AsyncInvoker(clock, eventLog, asyncThreads, ASYNC_THREADS, this::attempt);
        this.backlog = new AsyncBacklog(eventLog.backlogs());
        this.runtime = runtime;
        this.store = store;
        this.data = data;
        this.eventLog = eventLog;
        this.limits = limits;
        this.startedNanos = clock.nanoTime();
        for (WorkspaceId id : store.workspaces()) {
            Workspace workspace = workspace(id);
            Map<String, FunctionStore.StoredVersions> versions = store.storedVersions(id);
            for (FunctionRecord record : store.list(id)) {
                LiveFunction function = new LiveFunction(workspace, record);
                function.versionsStored(versions.getOrDefault(record.name(), FunctionStore.StoredVersions.NONE));
                workspace.put(function);
                provision(workspace, function);
            }
        }
        this.ticker = Thread.ofPlatform().name("faaslab-ticker").daemon(true).unstarted(this::tick);
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

    /** The services functions reach through the {@code faaslab} module; register each one as it is built. */
    public SdkRegistry sdk() {
        return sdk;
    }

    /** Since the platform started. */
    public long uptimeMillis() {
        return (clock.nanoTime() - startedNanos) / 1_000_000;
    }

    // ---- functions ----

    /**
     * Creates or updates a function's {@code $LATEST}.
     *
     * @param expectedRevision when not null, the update applies only if the stored revision is this one
     * @throws CodeException     when the code does not parse
     * @throws ConflictException when {@code expectedRevision} is outdated
     * @throws IllegalArgumentException when the reservation leaves the workspace too little unreserved concurrency
     * @throws QuotaExceededException   past the number of functions, the size of one's code or the code storage
     */
    public synchronized FunctionStore.Saved save(WorkspaceId id, FunctionSpec spec, Long expectedRevision) {
        Workspace workspace = workspace(id);
        Optional<FunctionRecord> existing = store.find(id, spec.name());
        if (expectedRevision != null) {
            long actual = existing.map(FunctionRecord::revision).orElse(0L);
            if (actual != expectedRevision) {
                throw new ConflictException("the function '" + spec.name() + "' is at revision " + actual
                        + ", not " + expectedRevision + ": someone else changed it; reload it and apply your change again");
            }
        }
        if (spec.reservedConcurrency() != null) {
            int others = workspace.reservedTotal(spec.name());
            int available = limits.workspaceConcurrency() - workspace.minimumUnreserved() - others;
            if (spec.reservedConcurrency() > available) {
                throw new IllegalArgumentException("reserved concurrency " + spec.reservedConcurrency()
                        + " is more than the workspace can reserve (" + Math.max(0, available) + "): its limit is "
                        + limits.workspaceConcurrency() + ", other functions reserve " + others + ", and "
                        + workspace.minimumUnreserved() + " must stay unreserved");
            }
        }
        String onFailure = spec.eventInvoke().onFailure();
        if (onFailure != null && !destinations.exists(id, onFailure)) {
            throw new IllegalArgumentException("onFailure names the queue '" + onFailure + "', which this workspace"
                    + " does not have: create it first with PUT /api/queues/" + onFailure + ", or leave onFailure out");
        }
        checkQuotas(workspace, existing, spec);
        boolean codeChanged = existing.isEmpty()
                || !existing.get().spec().toConfig(FunctionConfig.LATEST).equals(spec.toConfig(FunctionConfig.LATEST));
        if (codeChanged) {
            Optional<FunctionError> syntax = runtime.deploy(spec.toConfig(FunctionConfig.LATEST)).checkSyntax();
            if (syntax.isPresent()) {
                throw new CodeException(syntax.get());
            }
        }
        FunctionStore.Saved saved = store.save(id, spec, now());
        LiveFunction live = workspace.find(spec.name());
        if (live == null) {
            live = new LiveFunction(workspace, saved.function());
            workspace.put(live);
        } else {
            close(live.update(saved.function()));
            workspace.reservationsChanged();
        }
        provision(workspace, live);
        workspace.hub().publish(new StreamEvent.FunctionChanged(spec.name(), saved.created() ? "created" : "updated"));
        return saved;
    }

    /** Before the code is parsed: a file too large to keep is not worth parsing. */
    private void checkQuotas(Workspace workspace, Optional<FunctionRecord> existing, FunctionSpec spec) {
        Quotas quotas = limits.quotas();
        if (existing.isEmpty()) {
            quotas.checkNewFunction(spec.name(), workspace.functions().size());
        }
        // Code saved before a quota was lowered stays: only new code is measured against it.
        if (existing.isEmpty() || !existing.get().spec().code().equals(spec.code())) {
            long bytes = Payloads.utf8Size(spec.code());
            quotas.checkCodeSize(spec.name(), bytes);
            LiveFunction live = workspace.find(spec.name());
            long stored = workspace.codeStorageBytes();
            quotas.checkCodeStorage(stored, stored - (live == null ? 0 : live.latestCodeBytes()) + bytes,
                    "saving '" + spec.name() + "'");
        }
    }

    public Optional<FunctionRecord> function(WorkspaceId id, String name) {
        LiveFunction live = workspace(id).find(name);
        return live == null ? Optional.empty() : Optional.of(live.record());
    }

    public List<FunctionRecord> functions(WorkspaceId id) {
        List<FunctionRecord> records = new ArrayList<>();
        workspace(id).functions().forEach(f -> records.add(f.record()));
        records.sort(Comparator.comparing(FunctionRecord::name));
        return records;
    }

    /** Deletes a function, its versions and its instances; false when there was none. */
    public synchronized boolean delete(WorkspaceId id, String name) {
        Workspace workspace = workspace(id);
        boolean deleted = store.delete(id, name);
        LiveFunction live = workspace.remove(name);
        if (live != null) {
            close(live.retire());
            workspace.hub().publish(new StreamEvent.FunctionChanged(name, "deleted"));
        }
        return deleted || live != null;
    }

    /**
     * Publishes {@code $LATEST} as a new version, or answers the newest again when nothing changed.
     *
     * @throws QuotaExceededException past the function's versions or the workspace's code storage
     */
    public synchronized VersionRecord publish(WorkspaceId id, String name, String description) {
        Workspace workspace = workspace(id);
        LiveFunction live = workspace.function(name);
        Quotas quotas = limits.quotas();
        AtomicBoolean created = new AtomicBoolean();
        VersionRecord version = store.publish(id, name, description == null ? "" : description, now(), () -> {
            quotas.checkNewVersion(name, live.versionsStored().count());
            long stored = workspace.codeStorageBytes();
            quotas.checkCodeStorage(stored, stored + live.latestCodeBytes(), "publishing a version of '" + name + "'");
            created.set(true);
        });
        if (created.get()) {
            live.published();
        }
        workspace.hub().publish(new StreamEvent.FunctionChanged(name, "published version " + version.version()));
        return version;
    }

    public List<VersionRecord> versions(WorkspaceId id, String name) {
        workspace(id).function(name);
        return store.versions(id, name);
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
        return workspace(id).function(name).invoke(qualifier, event, requestId);
    }

    /**
     * Checks that a function and version exist, as a DryRun does.
     *
     * @throws NotFoundException when either does not
     */
    public void check(WorkspaceId id, String name, String qualifier) {
        workspace(id).function(name).pool(qualifier);
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
        long bytes = Payloads.utf8Size(eventJson);
        limits.quotas().checkAsyncPayload(bytes);
        workspace(id).function(name).pool(qualifier);
        PendingEvent event = new PendingEvent(Ids.requestId(), id, name,
                qualifier == null ? FunctionConfig.LATEST : qualifier, eventJson, now());
        backlog.add(id, bytes, limits.quotas());
        try {
            eventLog.append(event);
        } catch (RuntimeException e) {
            backlog.remove(id, bytes);
            throw e;
        }
        async.runDue();
        return event.requestId();
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

    /** Asynchronous events accepted and not finished that are not running now, in every workspace. */
    public long asyncWaiting() {
        return Math.max(0, backlog.events() - async.held());
    }

    /** Asynchronous events the platform holds in memory now, with their payloads. */
    public int asyncHeld() {
        return async.held();
    }

    /**
     * One attempt at an asynchronous event, and what follows: it leaves the log (done, or given up), or is
     * rescheduled in it for its retry.
     */
    private void attempt(PendingEvent event) {
        if (closed) {
            return; // stays in the log: the next start runs it
        }
        try {
            LiveFunction function = workspace(event.workspace()).find(event.functionName());
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
            int attempt = event.attempts() + 1;
            Invocation invocation = function.invoke(event.qualifier(), Event.json(event.payload()), event.requestId(),
                    attempt);
            if (closed) {
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

    // ---- what learners watch ----

    public List<InstanceView> instances(WorkspaceId id, String name) {
        LiveFunction function = workspace(id).function(name);
        List<InstanceView> views = new ArrayList<>();
        long now = clock.nanoTime();
        function.pools().forEach(pool -> views.addAll(pool.views(now)));
        return views;
    }

    /** Requests in flight for the function now. */
    public int inFlight(WorkspaceId id, String name) {
        return workspace(id).function(name).inFlight.get();
    }

    /** Provisioned instances ready to serve ({@code $LATEST}). */
    public int provisionedReady(WorkspaceId id, String name) {
        return workspace(id).function(name).latestPool().provisionedAvailable();
    }

    public FunctionMetrics.Totals totals(WorkspaceId id, String name) {
        return workspace(id).function(name).metrics().totals();
    }

    /** The function's metrics for the last {@code seconds} seconds (the current one included), oldest first. */
    public List<MetricPoint> metrics(WorkspaceId id, String name, int seconds) {
        long now = clock.epochMillis() / 1000;
        return workspace(id).function(name).metrics().range(now - seconds + 1, now);
    }

    /** Log lines after a sequence number (0 for the oldest kept), oldest first. */
    public List<LogEntry> logs(WorkspaceId id, String name, long afterSequence, int limit) {
        return workspace(id).function(name).logs().after(afterSequence, limit);
    }

    public List<LogEntry> logTail(WorkspaceId id, String name, int limit) {
        return workspace(id).function(name).logs().tail(limit);
    }

    public EventHub hub(WorkspaceId id) {
        return workspace(id).hub();
    }

    // ---- quotas ----

    /** What the workspace uses now of the quotas in {@link #limits()} and of its concurrency. */
    public WorkspaceUsage usage(WorkspaceId id) {
        Workspace workspace = workspace(id);
        SortedMap<String, WorkspaceUsage.FunctionUsage> byFunction = new TreeMap<>();
        long codeBytes = 0;
        for (LiveFunction function : workspace.functions()) {
            FunctionStore.StoredVersions versions = function.versionsStored();
            byFunction.put(function.name(), new WorkspaceUsage.FunctionUsage(function.latestCodeBytes(),
                    versions.count(), versions.codeBytes()));
            codeBytes += function.latestCodeBytes() + versions.codeBytes();
        }
        EventLog.Backlog waiting = backlog.of(id);
        return new WorkspaceUsage(byFunction.size(), codeBytes, waiting.events(), waiting.bytes(),
                workspace.reservedTotal(null), Collections.unmodifiableSortedMap(byFunction));
    }

    // ---- billing ----

    public BillingSettings billing(WorkspaceId id) {
        return billing.computeIfAbsent(id, key -> data.setting(key, "billing").map(Platform::parseBilling)
                .orElse(BillingSettings.DEFAULT));
    }

    public void setBilling(WorkspaceId id, BillingSettings settings) {
        try {
            data.putSetting(id, "billing", JSON.writeValueAsString(settings), now());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        billing.put(id, settings);
    }

    /** The workspace's bill since the platform started. */
    public Bill bill(WorkspaceId id) {
        BillingSettings settings = billing(id);
        return Bill.of(settings.prices(), workspace(id).usage().snapshot(), settings.freeTier());
    }

    /** One function's bill since the platform started (no free tier: that is the workspace's allowance). */
    public Bill bill(WorkspaceId id, String name) {
        return Bill.of(billing(id).prices(), workspace(id).function(name).usage().snapshot(), false);
    }

    // ---- progress ----

    public Map<String, String> progress(WorkspaceId id) {
        return data.progress(id);
    }

    public Optional<String> progress(WorkspaceId id, String key) {
        return data.progress(id, key);
    }

    public void putProgress(WorkspaceId id, String key, String json) {
        data.putProgress(id, key, json, now());
    }

    public void deleteProgress(WorkspaceId id, String key) {
        data.deleteProgress(id, key);
    }

    /** Replaces all of the workspace's progress with {@code documents} (key → JSON text), all or nothing. */
    public void replaceProgress(WorkspaceId id, Map<String, String> documents) {
        data.replaceProgress(id, documents, now());
    }

    // ---- the whole platform ----

    /** Instances by state across every workspace. */
    public InstanceCounts instanceCounts() {
        InstanceCounts counts = InstanceCounts.NONE;
        for (Workspace workspace : workspaces.values()) {
            for (LiveFunction function : workspace.functions()) {
                counts = counts.plus(function.instanceCounts());
            }
        }
        return counts;
    }

    /**
     * Frees at least {@code bytes} if it can, by closing idle on-demand instances in every workspace, those
     * that may hold most first (provisioned ones are paid for, and kept). Called by the runtime when the
     * server is short of memory; returns how many instances it closed.
     */
    public int reclaimIdle(long bytes) {
        record Candidate(LiveFunction function, InstancePool pool, PooledInstance pooled, long mayHold) { }
        List<Candidate> candidates = new ArrayList<>();
        for (Workspace workspace : workspaces.values()) {
            for (LiveFunction function : workspace.functions()) {
                for (InstancePool pool : function.pools()) {
                    for (PooledInstance pooled : pool.idleOnDemand()) {
                        candidates.add(new Candidate(function, pool, pooled, pooled.instance.mayHoldBytes()));
                    }
                }
            }
        }
        candidates.sort(java.util.Comparator.comparingLong(Candidate::mayHold).reversed());
        long freed = 0;
        int closed = 0;
        for (Candidate candidate : candidates) {
            if (freed >= bytes) {
                break;
            }
            if (candidate.pool().reclaim(candidate.pooled())) {
                candidate.pooled().instance.close();
                candidate.function().changed(candidate.pool(), candidate.pooled(), "reclaimed");
                freed += candidate.mayHold();
                closed++;
            }
        }
        LOG.info("reclaimed {} idle instances that may have held {} MB, to free {} MB", closed, freed >> 20, bytes >> 20);
        return closed;
    }

    /** Runs the keep-alive sweep now (the ticker runs it ten times a second). */
    public void sweep() {
        long now = clock.nanoTime();
        for (Workspace workspace : workspaces.values()) {
            for (LiveFunction function : workspace.functions()) {
                KeepAlivePolicy keepAlive = KeepAlivePolicy.fixed(function.spec().keepAlive());
                for (InstancePool pool : function.pools()) {
                    for (PooledInstance expired : pool.expire(now, keepAlive)) {
                        expired.instance.close();
                        function.changed(pool, expired, "reaped");
                    }
                }
            }
        }
    }

    private void tick() {
        long next = clock.nanoTime();
        long lastSecond = clock.epochMillis() / 1000;
        long lastProvisionedNanos = clock.nanoTime();
        while (!closed) {
            try {
                next += SWEEP_NANOS;
                clock.sleepUntil(next);
                sweep();
                async.runDue();
                long second = clock.epochMillis() / 1000;
                if (second != lastSecond) {
                    long now = clock.nanoTime();
                    everySecond(lastSecond, (now - lastProvisionedNanos) / 1_000_000);
                    lastProvisionedNanos = now;
                    lastSecond = second;
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("the platform's ticker failed; it goes on", e);
            }
        }
    }

    /** Closes the second just ended: instance gauges, provisioned billing, and a metrics tick per function. */
    private void everySecond(long endedSecond, long elapsedMillis) {
        for (Workspace workspace : workspaces.values()) {
            for (LiveFunction function : workspace.functions()) {
                InstanceCounts counts = function.instanceCounts();
                function.metrics().instances(endedSecond, counts.initialising(), counts.busy(), counts.idle());
                int provisioned = function.spec().provisionedConcurrency();
                if (provisioned > 0) {
                    // Provisioned concurrency is billed while configured, busy or not.
                    int memoryMb = function.spec().memoryMb();
                    function.usage().recordProvisionedConfigured(memoryMb, provisioned, elapsedMillis);
                    workspace.usage().recordProvisionedConfigured(memoryMb, provisioned, elapsedMillis);
                }
                if (workspace.hub().hasSubscribers()) {
                    MetricPoint point = function.metrics().at(endedSecond);
                    workspace.hub().publish(new StreamEvent.MetricsTick(function.name(), point,
                            Bill.onDemand(billing(workspace.id()).prices(), point.invocations(), point.billedMbMs())));
                }
            }
        }
    }

    /** Brings the {@code $LATEST} pool's provisioned instances to the configured number, initialising new ones. */
    private void provision(Workspace workspace, LiveFunction function) {
        InstancePool pool = function.latestPool();
        List<PooledInstance> surplus = new ArrayList<>();
        List<PooledInstance> added = pool.provision(function.spec().provisionedConcurrency(), surplus);
        close(surplus);
        for (PooledInstance pooled : added) {
            function.changed(pool, pooled, "initialising");
            background.execute(() -> {
                Optional<FunctionError> failed = pooled.instance.initialise();
                failed.ifPresent(error -> LOG.info("a provisioned instance of {} failed to start: {}",
                        function.name(), error.describe()));
                boolean ready = pool.provisionedReady(pooled, clock.nanoTime());
                function.changed(pool, pooled, ready ? "idle" : "discarded");
            });
        }
    }

    private Workspace workspace(WorkspaceId id) {
        return workspaces.computeIfAbsent(id, key -> new Workspace(key, clock, runtime, store, limits, sdk));
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.epochMillis());
    }

    private static void close(List<PooledInstance> instances) {
        instances.forEach(pooled -> pooled.instance.close());
    }

    private static BillingSettings parseBilling(String json) {
        try {
            return JSON.readValue(json, BillingSettings.class);
        } catch (JsonProcessingException e) {
            LOG.warn("the stored billing settings do not parse; using the defaults", e);
            return BillingSettings.DEFAULT;
        }
    }

    /**
     * Stops the ticker and background work, and closes every instance. In-flight requests are the
     * HTTP server's to drain before this is called.
     */
    @Override
    public void close() {
        closed = true;
        ticker.interrupt();
        background.shutdownNow();
        asyncThreads.shutdownNow();
        try {
            background.awaitTermination(5, TimeUnit.SECONDS);
            asyncThreads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Workspace workspace : workspaces.values()) {
            for (LiveFunction function : workspace.functions()) {
                close(function.retire());
            }
        }
    }
}
