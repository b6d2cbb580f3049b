package dev.faaslab.platform;

import dev.faaslab.core.WorkspaceId;
import dev.faaslab.logs.LogEntry;
import dev.faaslab.metrics.FunctionMetrics;
import dev.faaslab.metrics.MetricPoint;
import dev.faaslab.stream.EventHub;
import dev.faaslab.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** What learners watch, read and never changed: instances, metrics, logs, usage and counts. */
final class PlatformViews {

    private final Clock clock;
    private final Workspaces workspaces;
    private final AsyncInvocations async;

    PlatformViews(Clock clock, Workspaces workspaces, AsyncInvocations async) {
        this.clock = clock;
        this.workspaces = workspaces;
        this.async = async;
    }

    List<InstanceView> instances(WorkspaceId id, String name) {
        LiveFunction function = workspaces.get(id).function(name);
        List<InstanceView> views = new ArrayList<>();
        long now = clock.nanoTime();
        function.pools().forEach(pool -> views.addAll(pool.views(now)));
        return views;
    }

    int inFlight(WorkspaceId id, String name) {
        return workspaces.get(id).function(name).inFlight.get();
    }

    int provisionedReady(WorkspaceId id, String name) {
        return workspaces.get(id).function(name).latestPool().provisionedAvailable();
    }

    FunctionMetrics.Totals totals(WorkspaceId id, String name) {
        return workspaces.get(id).function(name).metrics().totals();
    }

    Map<String, Long> sdkCalls(WorkspaceId id, String name) {
        return workspaces.get(id).function(name).metrics().sdkCallsByLabel();
    }

    /** The last {@code seconds} seconds (the current one included), oldest first. */
    List<MetricPoint> metrics(WorkspaceId id, String name, int seconds) {
        long now = clock.epochMillis() / 1000;
        return workspaces.get(id).function(name).metrics().range(now - seconds + 1, now);
    }

    List<LogEntry> logs(WorkspaceId id, String name, long afterSequence, int limit) {
        return workspaces.get(id).function(name).logs().after(afterSequence, limit);
    }

    List<LogEntry> logTail(WorkspaceId id, String name, int limit) {
        return workspaces.get(id).function(name).logs().tail(limit);
    }

    EventHub hub(WorkspaceId id) {
        return workspaces.get(id).hub();
    }

    /** What the workspace uses now of its quotas and of its concurrency. */
    WorkspaceUsage usage(WorkspaceId id) {
        Workspace workspace = workspaces.get(id);
        SortedMap<String, WorkspaceUsage.FunctionUsage> byFunction = new TreeMap<>();
        long codeBytes = 0;
        for (LiveFunction function : workspace.functions()) {
            FunctionStore.StoredVersions versions = function.versionsStored();
            byFunction.put(function.name(), new WorkspaceUsage.FunctionUsage(function.latestCodeBytes(),
                    versions.count(), versions.codeBytes()));
            codeBytes += function.latestCodeBytes() + versions.codeBytes();
        }
        EventLog.Backlog waiting = async.backlog(id);
        return new WorkspaceUsage(byFunction.size(), codeBytes, waiting.events(), waiting.bytes(),
                workspace.reservedTotal(null), Collections.unmodifiableSortedMap(byFunction));
    }

    /** Across every workspace. */
    InstanceCounts instanceCounts() {
        InstanceCounts counts = InstanceCounts.NONE;
        for (Workspace workspace : workspaces.all()) {
            for (LiveFunction function : workspace.functions()) {
                counts = counts.plus(function.instanceCounts());
            }
        }
        return counts;
    }
}
