package dev.faaslab.platform;

import dev.faaslab.core.WorkspaceId;
import dev.faaslab.runtime.FunctionRuntime;
import dev.faaslab.runtime.sdk.SdkRegistry;
import dev.faaslab.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Every workspace the platform has seen, each made on first use: the parts of the platform share these. */
final class Workspaces {

    private final Clock clock;
    private final FunctionRuntime runtime;
    private final FunctionStore store;
    private final PlatformLimits limits;
    private final SdkRegistry sdk;
    private final Map<WorkspaceId, Workspace> byId = new ConcurrentHashMap<>();
    private volatile WorkspaceLimits own = WorkspaceLimits.PLATFORM;
    private final Quarantine quarantine = new Quarantine();

    Workspaces(Clock clock, FunctionRuntime runtime, FunctionStore store, PlatformLimits limits, SdkRegistry sdk) {
        this.clock = clock;
        this.runtime = runtime;
        this.store = store;
        this.limits = limits;
        this.sdk = sdk;
    }

    Workspace get(WorkspaceId id) {
        return byId.computeIfAbsent(id, key -> new Workspace(key, clock, runtime, store,
                () -> own.of(key, limits), sdk, quarantine));
    }

    void limitEach(WorkspaceLimits workspaceLimits) {
        own = workspaceLimits;
    }

    Quarantine quarantine() {
        return quarantine;
    }

    Collection<Workspace> all() {
        return byId.values();
    }
}
