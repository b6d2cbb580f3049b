package dev.faaslab.http;

import dev.faaslab.core.WorkspaceId;
import dev.faaslab.platform.Quota;
import java.util.LinkedHashMap;

import dev.faaslab.platform.Platform;
import dev.faaslab.platform.PlatformLimits;
import dev.faaslab.platform.Quotas;
import dev.faaslab.platform.WorkspaceUsage;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/account}: the workspace's limits and quotas beside what it uses of them, as Lambda's
 * GetAccountSettings shows an account's {@code AccountLimit} and {@code AccountUsage}.
 */
final class AccountApi {

    private final Platform platform;
    private final WorkspaceResolver workspaces;

    AccountApi(Platform platform, WorkspaceResolver workspaces) {
        this.platform = platform;
        this.workspaces = workspaces;
    }

    List<Route> routes() {
        return List.of(new Route("GET", "/api/account", this::accountHandler));
    }

    private void accountHandler(Exchange exchange) {
        WorkspaceId workspace = workspaces.resolve(exchange.request);
        PlatformLimits limits = platform.limits(workspace);
        WorkspaceUsage usage = platform.usage(workspace);
        exchange.json(200, new Account(Limits.of(limits, usage), quotas(limits), Usage.of(usage)));
    }

    /** Each quota's figure under its name, as a QuotaExceeded refusal names it; memory is the workspace's own. */
    static Map<String, Long> quotas(PlatformLimits limits) {
        Map<String, Long> figures = new LinkedHashMap<>();
        for (Quota quota : Quota.values()) {
            figures.put(quota.field(), quota == Quota.MEMORY_MB ? limits.maxMemoryMb() : limits.quotas().limit(quota));
        }
        return figures;
    }

    /** What {@code GET /api/account} answers. */
    record Account(Limits limits, Map<String, Long> quotas, Usage usage) {
    }

    /** The workspace's concurrency, and what its functions' reservations leave of it. */
    record Limits(int concurrentExecutions, int unreservedConcurrentExecutions, int scalingBurst,
                  long scalingIntervalSeconds) {

        static Limits of(PlatformLimits limits, WorkspaceUsage usage) {
            return new Limits(limits.workspaceConcurrency(), limits.workspaceConcurrency() - usage.reservedConcurrency(),
                    limits.scalingBurst(), limits.scalingInterval().toSeconds());
        }
    }

    /** What the workspace uses of its quotas, and each function's share. */
    record Usage(int functions, long codeStorageBytes, long asyncBacklogEvents, long asyncBacklogBytes,
                 Map<String, WorkspaceUsage.FunctionUsage> byFunction) {

        static Usage of(WorkspaceUsage usage) {
            return new Usage(usage.functions(), usage.codeStorageBytes(), usage.asyncBacklogEvents(),
                    usage.asyncBacklogBytes(), usage.byFunction());
        }
    }
}
