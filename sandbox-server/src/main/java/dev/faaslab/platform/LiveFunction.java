package dev.faaslab.platform;

import dev.faaslab.billing.Usage;
import dev.faaslab.logs.LogStore;
import dev.faaslab.metrics.FunctionMetrics;
import dev.faaslab.runtime.DeployedFunction;
import dev.faaslab.runtime.Event;
import dev.faaslab.runtime.FunctionConfig;
import dev.faaslab.runtime.ExecutionEnvironment;
import dev.faaslab.runtime.FunctionRuntime;
import dev.faaslab.runtime.InvocationResult;
import dev.faaslab.runtime.LogLevel;
import dev.faaslab.runtime.LogLine;
import dev.faaslab.runtime.Payloads;
import dev.faaslab.runtime.sdk.SdkBridge;
import dev.faaslab.stream.StreamEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A function while the platform serves it: its pools (one for {@code $LATEST}, one per published
 * version that has been invoked), its scaling rate, metrics, log and usage. This is where a request
 * meets an instance: warm if one is idle, cold otherwise.
 */
final class LiveFunction {

    private final Workspace workspace;
    private final ScalingLimiter scaling;
    private final FunctionMetrics metrics = new FunctionMetrics();
    private final LogStore logs = new LogStore();
    private final Usage usage = new Usage();
    private final SdkBridge sdk;
    private final Map<Integer, InstancePool> versions = new ConcurrentHashMap<>();
    final AtomicInteger inFlight = new AtomicInteger();
    private volatile FunctionRecord record;
    private volatile InstancePool latest;
    /** What counts against the workspace's code storage: {@code $LATEST}'s code and the published versions'. */
    private volatile long latestCodeBytes;
    private volatile FunctionStore.StoredVersions versionsStored = FunctionStore.StoredVersions.NONE;

    LiveFunction(Workspace workspace, FunctionRecord record) {
        this.workspace = workspace;
        this.scaling = new ScalingLimiter(workspace.clock(), workspace.limits());
        this.record = record;
        this.latestCodeBytes = record.spec().codeBytes();
        // Every instance of every version reaches services as this function of this workspace, and its
        // calls count in this function's metrics.
        this.sdk = SdkBridge.of(workspace.sdk(), workspace.id(),
                reply -> metrics.sdkCall(workspace.epochSecond(), reply.label()));
        this.latest = new InstancePool(FunctionConfig.LATEST, deploy(record.spec(), FunctionConfig.LATEST));
    }

    FunctionRecord record() {
        return record;
    }

    FunctionSpec spec() {
        return record.spec();
    }

    String name() {
        return record.name();
    }

    FunctionMetrics metrics() {
        return metrics;
    }

    LogStore logs() {
        return logs;
    }

    Usage usage() {
        return usage;
    }

    /**
     * Takes a new record of the function. A change to the code or to what the runtime sees (memory,
     * timeout, variables, handler) retires the {@code $LATEST} pool, as Lambda starts new environments
     * after an update; scaling settings apply to the pool in place.
     */
    List<PooledInstance> update(FunctionRecord updated) {
        FunctionSpec before = record.spec();
        record = updated;
        if (!before.code().equals(updated.spec().code())) {
            latestCodeBytes = updated.spec().codeBytes();
        }
        List<PooledInstance> leaving = new ArrayList<>();
        if (!before.toConfig(FunctionConfig.LATEST).equals(updated.spec().toConfig(FunctionConfig.LATEST))
                || !before.style().equals(updated.spec().style())) {
            InstancePool old = latest;
            latest = new InstancePool(FunctionConfig.LATEST, deploy(updated.spec(), FunctionConfig.LATEST));
            leaving.addAll(reaped(old));
        }
        return leaving;
    }

    /**
     * Retires the {@code $LATEST} pool for a new one with the same settings, as an update would: idle instances
     * leave now, busy ones when their request ends, and the next request starts a fresh instance.
     */
    List<PooledInstance> replaceInstances() {
        InstancePool old = latest;
        latest = new InstancePool(FunctionConfig.LATEST, deploy(record.spec(), FunctionConfig.LATEST));
        return reaped(old);
    }

    /** The UTF-8 bytes of {@code $LATEST}'s code. */
    long latestCodeBytes() {
        return latestCodeBytes;
    }

    FunctionStore.StoredVersions versionsStored() {
        return versionsStored;
    }

    /** Takes the count and size of the versions the store holds (when the platform starts). */
    void versionsStored(FunctionStore.StoredVersions stored) {
        versionsStored = stored;
    }

    /** Counts a new version, a copy of {@code $LATEST}'s code. Called under the platform's lock. */
    void published() {
        versionsStored = new FunctionStore.StoredVersions(versionsStored.count() + 1,
                versionsStored.codeBytes() + latestCodeBytes);
    }

    /**
     * Retires every pool for new ones on the workspace's host as it is now (the quarantine's worker, once the
     * workspace is held there): idle instances leave now, busy ones when their request ends.
     */
    List<PooledInstance> rehost() {
        List<PooledInstance> leaving = new ArrayList<>(replaceInstances());
        for (Integer number : List.copyOf(versions.keySet())) {
            InstancePool pool = versions.remove(number);
            if (pool != null) {
                leaving.addAll(reaped(pool));
            }
        }
        return leaving;
    }

    /** Retires {@code pool}; its idle instances leave now, and the live panel sees them go. */
    private List<PooledInstance> reaped(InstancePool pool) {
        List<PooledInstance> leaving = pool.retire();
        leaving.forEach(pooled -> changed(pool, pooled, "reaped"));
        return leaving;
    }

    /** {@code spec}'s code as {@code version}, in the handler style it declares. */
    private DeployedFunction deploy(FunctionSpec spec, String version) {
        FunctionRuntime runtime = workspace.runtime();
        return workspace.host().deploy(spec.toConfig(version), sdk, runtime.styles().named(spec.style()));
    }

    /** Retires every pool: the function was deleted. Returns the idle instances to close. */
    List<PooledInstance> retire() {
        List<PooledInstance> leaving = new ArrayList<>(reaped(latest));
        versions.values().forEach(pool -> leaving.addAll(reaped(pool)));
        return leaving;
    }

    InstancePool latestPool() {
        return latest;
    }

    List<InstancePool> pools() {
        List<InstancePool> pools = new ArrayList<>();
        pools.add(latest);
        pools.addAll(versions.values());
        return pools;
    }

    /** Instances by state across the function's pools: initialising, busy, idle. */
    InstanceCounts instanceCounts() {
        InstanceCounts counts = InstanceCounts.NONE;
        for (InstancePool pool : pools()) {
            counts = counts.plus(pool.counts());
        }
        return counts;
    }

    /** The pool for {@code $LATEST} or a published version number. */
    InstancePool pool(String qualifier) {
        if (qualifier == null || qualifier.isEmpty() || qualifier.equals(FunctionConfig.LATEST)) {
            return latest;
        }
        int number;
        try {
            number = Integer.parseInt(qualifier);
        } catch (NumberFormatException e) {
            throw new NotFoundException("the function '" + name() + "' has no version or alias '" + qualifier
                    + "': use $LATEST or a published version number");
        }
        InstancePool pool = versions.get(number);
        if (pool != null) {
            return pool;
        }
        VersionRecord version = workspace.store().version(workspace.id(), name(), number)
                .orElseThrow(() -> new NotFoundException("the function '" + name() + "' has no version " + number
                        + ": publish one with POST /api/functions/" + name() + "/versions"));
        return versions.computeIfAbsent(number, n -> new InstancePool(Integer.toString(n),
                deploy(version.spec(), Integer.toString(n))));
    }

    /** Runs one request, or throttles it. */
    Invocation invoke(String qualifier, Event event, String requestId) {
        return invoke(qualifier, event, requestId, 1);
    }

    /** Runs one request as the {@code attempt}-th delivery of an asynchronous event, or throttles it. */
    Invocation invoke(String qualifier, Event event, String requestId, int attempt) {
        Payloads.checkEvent(event);
        InstancePool pool = pool(qualifier);
        // An event the guest could not be given is refused before it takes an instance or a slot.
        pool.deployment().style().check(event);
        Admission admission = workspace.admit(this);
        if (admission.throttle() != null) {
            metrics.throttle(workspace.epochSecond());
            return new Invocation.Throttled(admission.throttle());
        }
        try {
            PooledInstance pooled = pool.takeIdle();
            if (pooled == null) {
                if (!scaling.tryAcquire()) {
                    metrics.throttle(workspace.epochSecond());
                    return new Invocation.Throttled(new Throttle(Throttle.Reason.FunctionInvocationRateLimitExceeded,
                            "Rate Exceeded: '" + name() + "' may start at most " + scaling.burst()
                                    + " new instances per " + workspace.limits().scalingInterval().toSeconds()
                                    + " s, and has. Requests that find a warm instance still run; try again shortly."));
                }
                pooled = pool.startNew();
                changed(pool, pooled, "initialising");
            } else {
                changed(pool, pooled, "busy");
            }
            metrics.concurrency(workspace.epochSecond(), inFlight.get());
            InvocationResult result;
            try {
                PooledInstance serving = pooled;
                // A cold start reports busy once its Init is over, so the panel shows both phases.
                result = pooled.instance.invoke(event, requestId, attempt, () -> changed(pool, serving, "busy"));
            } finally {
                boolean kept = pool.release(pooled, workspace.clock().nanoTime());
                changed(pool, pooled, kept ? "idle" : pooled.instance.state() == ExecutionEnvironment.State.DISCARDED
                        ? "discarded" : "reaped");
            }
            Invocation.Completed completed = completed(pool, pooled, result);
            if (!result.succeeded()) {
                workspace.quarantine().admit(workspace.id(), result.error(), name(), requestId);
            }
            return completed;
        } finally {
            workspace.leave(this, admission);
        }
    }

    private Invocation.Completed completed(InstancePool pool, PooledInstance pooled, InvocationResult result) {
        int memoryMb = pool.deployment().config().memoryMb();
        long now = workspace.clock().epochMillis();
        var report = result.report();
        metrics.invocation(now / 1000, report.durationMs(), report.initDurationMs(), !result.succeeded(),
                report.billedDurationMs(), memoryMb);
        usage.record(report.billedDurationMs(), memoryMb, pooled.provisioned);
        workspace.usage().record(report.billedDurationMs(), memoryMb, pooled.provisioned);
        long first = logs.append(now, pool.version(), result);
        if (workspace.hub().hasSubscribers()) {
            workspace.hub().publish(new StreamEvent.LogLines(name(),
                    LogStore.entries(first, now, pool.version(), result)));
        }
        return new Invocation.Completed(name(), pool.version(), result, pooled.provisioned, memoryMb,
                pool.deployment().style());
    }

    /** A WARN line of the platform's about a completed invocation, in this function's log and live stream. */
    void note(Invocation.Completed invocation, String message) {
        platformLine(invocation.version(), invocation.result().requestId(), message);
    }

    /** A WARN line of the platform's about a request that did not run, in this function's log and live stream. */
    void platformLine(String requestId, String message) {
        platformLine(FunctionConfig.LATEST, requestId, message);
    }

    private void platformLine(String version, String requestId, String message) {
        LogLine line = new LogLine(workspace.clock().epochMillis(), requestId, LogLevel.WARN, message);
        long sequence = logs.appendNote(version, line);
        if (workspace.hub().hasSubscribers()) {
            workspace.hub().publish(new StreamEvent.LogLines(name(),
                    List.of(LogStore.noteEntry(sequence, version, line))));
        }
    }

    void changed(InstancePool pool, PooledInstance pooled, String state) {
        if (workspace.hub().hasSubscribers()) {
            workspace.hub().publish(new StreamEvent.InstanceChanged(name(), pool.version(), pooled.id(), state,
                    pooled.provisioned));
        }
    }
}
