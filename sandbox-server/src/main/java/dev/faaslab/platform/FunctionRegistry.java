package dev.faaslab.platform;

import dev.faaslab.core.InvalidInputException;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.runtime.FunctionConfig;
import dev.faaslab.runtime.FunctionError;
import dev.faaslab.runtime.FunctionRuntime;
import dev.faaslab.runtime.HandlerStyle;
import dev.faaslab.stream.StreamEvent;
import dev.faaslab.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The functions of every workspace: saving, deleting and publishing them, and reading them back. Changes
 * are serialised per workspace, not across the platform, so that one learner's save never waits for
 * another's; the syntax check, which builds a polyglot context, runs before the lock is taken.
 */
final class FunctionRegistry {

    /**
     * Parses a function's code without running it: what {@code save} refuses with a {@link CodeException}. An
     * unknown style, or code its style cannot call (a language the provider does not run, nothing defined that
     * the style looks for), is refused first, with an {@link InvalidInputException} naming the style.
     */
    @FunctionalInterface
    interface SyntaxCheck {
        Optional<FunctionError> check(FunctionSpec spec);

        static SyntaxCheck of(FunctionRuntime runtime) {
            return spec -> {
                HandlerStyle style = runtime.styles().named(spec.style());
                FunctionConfig config = spec.toConfig(FunctionConfig.LATEST);
                Optional<String> refusal = style.refusal(config);
                if (refusal.isPresent()) {
                    throw new InvalidInputException("style", refusal.get());
                }
                return runtime.deploy(config, dev.faaslab.runtime.sdk.SdkBridge.standalone(), style).checkSyntax();
            };
        }
    }

    private final Clock clock;
    private final FunctionStore store;
    private final PlatformLimits limits;
    private final Destinations destinations;
    private final Workspaces workspaces;
    private final Provisioning provisioning;
    private final SyntaxCheck syntax;
    /** One lock per workspace: a workspace's changes happen one at a time, and other workspaces' beside them. */
    private final Map<WorkspaceId, ReentrantLock> locks = new ConcurrentHashMap<>();

    FunctionRegistry(Clock clock, FunctionStore store, PlatformLimits limits, Destinations destinations,
                     Workspaces workspaces, Provisioning provisioning, SyntaxCheck syntax) {
        this.clock = clock;
        this.store = store;
        this.limits = limits;
        this.destinations = destinations;
        this.workspaces = workspaces;
        this.provisioning = provisioning;
        this.syntax = syntax;
    }

    /** Brings back the stored functions when the platform starts, and their provisioned instances. */
    void restore() {
        for (WorkspaceId id : store.workspaces()) {
            Workspace workspace = workspaces.get(id);
            Map<String, FunctionStore.StoredVersions> versions = store.storedVersions(id);
            for (FunctionRecord record : store.list(id)) {
                LiveFunction function = new LiveFunction(workspace, record);
                function.versionsStored(versions.getOrDefault(record.name(), FunctionStore.StoredVersions.NONE));
                workspace.put(function);
                provisioning.provision(function);
            }
        }
    }

    /** As {@link Platform#save}. */
    FunctionStore.Saved save(WorkspaceId id, FunctionSpec spec, Long expectedRevision) {
        Workspace workspace = workspaces.get(id);
        // The cheap checks first, as a learner would expect them: a file too large to keep is not worth parsing.
        Optional<FunctionRecord> existing = checkSave(workspace, spec, expectedRevision);
        if (codeChanged(existing, spec)) {
            // Outside the lock: parsing takes a polyglot context, and the result depends on the spec alone.
            Optional<FunctionError> error = syntax.check(spec);
            if (error.isPresent()) {
                throw new CodeException(error.get());
            }
        }
        return locked(id, () -> {
            // Again under the lock: another save of this workspace may have come in while the code was parsed.
            checkSave(workspace, spec, expectedRevision);
            FunctionStore.Saved saved = store.save(id, spec, now());
            LiveFunction live = workspace.find(spec.name());
            if (live == null) {
                live = new LiveFunction(workspace, saved.function());
                workspace.put(live);
            } else {
                Provisioning.close(live.update(saved.function()));
                workspace.reservationsChanged();
            }
            provisioning.provision(live);
            workspace.hub().publish(new StreamEvent.FunctionChanged(spec.name(),
                    saved.created() ? "created" : "updated"));
            return saved;
        });
    }

    /** Everything {@code save} refuses before the code is parsed; answers the stored function, if any. */
    private Optional<FunctionRecord> checkSave(Workspace workspace, FunctionSpec spec, Long expectedRevision) {
        WorkspaceId id = workspace.id();
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
            int available = workspace.limits().workspaceConcurrency() - workspace.minimumUnreserved() - others;
            if (spec.reservedConcurrency() > available) {
                throw new InvalidInputException("reservedConcurrency", "reserved concurrency " + spec.reservedConcurrency()
                        + " is more than the workspace can reserve (" + Math.max(0, available) + "): its limit is "
                        + workspace.limits().workspaceConcurrency() + ", other functions reserve " + others + ", and "
                        + workspace.minimumUnreserved() + " must stay unreserved");
            }
        }
        String onFailure = spec.eventInvoke().onFailure();
        if (onFailure != null && !destinations.exists(id, onFailure)) {
            throw new InvalidInputException("onFailure", "onFailure names the queue '" + onFailure + "', which this workspace"
                    + " does not have: create it first with PUT /api/queues/" + onFailure + ", or leave onFailure out");
        }
        checkQuotas(workspace, existing, spec);
        return existing;
    }

    private static boolean codeChanged(Optional<FunctionRecord> existing, FunctionSpec spec) {
        return existing.isEmpty()
                || !existing.get().spec().toConfig(FunctionConfig.LATEST).equals(spec.toConfig(FunctionConfig.LATEST))
                || !existing.get().spec().style().equals(spec.style());
    }

    /** Before the code is parsed: a file too large to keep is not worth parsing. */
    private void checkQuotas(Workspace workspace, Optional<FunctionRecord> existing, FunctionSpec spec) {
        PlatformLimits own = workspace.limits();
        Quotas quotas = own.quotas();
        if (spec.memoryMb() > own.maxMemoryMb()) {
            throw new QuotaExceededException(Quota.MEMORY_MB, own.maxMemoryMb(), "'" + spec.name() + "' asks for "
                    + spec.memoryMb() + " MB of memory; functions here may have at most " + own.maxMemoryMb()
                    + " MB: lower memoryMb (128 MB is plenty for most exercises)");
        }
        if (existing.isEmpty()) {
            quotas.checkNewFunction(spec.name(), workspace.functions().size());
        }
        // Code saved before a quota was lowered stays: only new code is measured against it.
        if (existing.isEmpty() || !existing.get().spec().codeSha256().equals(spec.codeSha256())) {
            long bytes = spec.codeBytes();
            quotas.checkCodeSize(spec.name(), bytes);
            if (spec.codePackage() != null) {
                quotas.checkUnzippedSize(spec.name(), spec.codePackage().unzippedBytes());
            }
            LiveFunction live = workspace.find(spec.name());
            long stored = workspace.codeStorageBytes();
            quotas.checkCodeStorage(stored, stored - (live == null ? 0 : live.latestCodeBytes()) + bytes,
                    "saving '" + spec.name() + "'");
        }
    }

    Optional<FunctionRecord> function(WorkspaceId id, String name) {
        LiveFunction live = workspaces.get(id).find(name);
        return live == null ? Optional.empty() : Optional.of(live.record());
    }

    List<FunctionRecord> functions(WorkspaceId id) {
        List<FunctionRecord> records = new ArrayList<>();
        workspaces.get(id).functions().forEach(f -> records.add(f.record()));
        records.sort(Comparator.comparing(FunctionRecord::name));
        return records;
    }

    /** As {@link Platform#delete}. */
    boolean delete(WorkspaceId id, String name) {
        Workspace workspace = workspaces.get(id);
        return locked(id, () -> {
            boolean deleted = store.delete(id, name);
            LiveFunction live = workspace.remove(name);
            if (live != null) {
                Provisioning.close(live.retire());
                workspace.hub().publish(new StreamEvent.FunctionChanged(name, "deleted"));
            }
            return deleted || live != null;
        });
    }

    /**
     * Moves every function of a workspace the quarantine now holds onto its worker (each pool starts afresh there),
     * and says {@code why} in each one's log.
     */
    void rehost(WorkspaceId id, String why, String requestId) {
        Workspace workspace = workspaces.get(id);
        locked(id, () -> {
            for (LiveFunction live : workspace.functions()) {
                Provisioning.close(live.rehost());
                provisioning.provision(live);
                live.platformLine(requestId, why);
            }
            return null;
        });
    }

    /** As {@link Platform#replaceInstances}. */
    void replaceInstances(WorkspaceId id, String name) {
        Workspace workspace = workspaces.get(id);
        locked(id, () -> {
            LiveFunction live = workspace.function(name);
            Provisioning.close(live.replaceInstances());
            provisioning.provision(live);
            return null;
        });
    }

    /** As {@link Platform#publish}. */
    VersionRecord publish(WorkspaceId id, String name, String description) {
        Workspace workspace = workspaces.get(id);
        return locked(id, () -> {
            LiveFunction live = workspace.function(name);
            Quotas quotas = workspace.limits().quotas();
            AtomicBoolean created = new AtomicBoolean();
            VersionRecord version = store.publish(id, name, description == null ? "" : description, now(), () -> {
                quotas.checkNewVersion(name, live.versionsStored().count());
                long stored = workspace.codeStorageBytes();
                quotas.checkCodeStorage(stored, stored + live.latestCodeBytes(),
                        "publishing a version of '" + name + "'");
                created.set(true);
            });
            if (created.get()) {
                live.published();
            }
            workspace.hub().publish(new StreamEvent.FunctionChanged(name, "published version " + version.version()));
            return version;
        });
    }

    List<VersionRecord> versions(WorkspaceId id, String name) {
        workspaces.get(id).function(name);
        return store.versions(id, name);
    }

    private <T> T locked(WorkspaceId id, Supplier<T> change) {
        ReentrantLock lock = locks.computeIfAbsent(id, key -> new ReentrantLock());
        lock.lock();
        try {
            return change.get();
        } finally {
            lock.unlock();
        }
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.epochMillis());
    }
}
