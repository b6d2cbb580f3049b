package dev.faaslab.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.platform.Platform;
import dev.faaslab.platform.PlatformLimits;
import dev.faaslab.platform.WorkspaceUsage;
import java.util.List;

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
        PlatformLimits limits = platform.limits();
        WorkspaceUsage usage = platform.usage(workspaces.resolve(exchange.request));
        ObjectNode body = Exchange.JSON.createObjectNode();
        ObjectNode concurrency = body.putObject("limits");
        concurrency.put("concurrentExecutions", limits.workspaceConcurrency());
        concurrency.put("unreservedConcurrentExecutions", limits.workspaceConcurrency() - usage.reservedConcurrency());
        concurrency.put("scalingBurst", limits.scalingBurst());
        concurrency.put("scalingIntervalSeconds", limits.scalingInterval().toSeconds());
        // The record's fields are the quotas' names, as a QuotaExceeded refusal names them.
        body.set("quotas", Exchange.JSON.valueToTree(limits.quotas()));
        ObjectNode used = body.putObject("usage");
        used.put("functions", usage.functions());
        used.put("codeStorageBytes", usage.codeStorageBytes());
        used.put("asyncBacklogEvents", usage.asyncBacklogEvents());
        used.put("asyncBacklogBytes", usage.asyncBacklogBytes());
        ObjectNode byFunction = used.putObject("byFunction");
        usage.byFunction().forEach((name, function) -> byFunction.set(name, Exchange.JSON.valueToTree(function)));
        exchange.json(200, body);
    }
}
