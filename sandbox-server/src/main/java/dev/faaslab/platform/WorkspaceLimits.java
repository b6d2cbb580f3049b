package dev.faaslab.platform;

import dev.faaslab.core.WorkspaceId;

/**
 * A workspace's own limits, where they differ from the platform's: a classroom's learners get their class's
 * quotas. Asked on every admission, so an answer must be cheap (cached by whoever knows it), and it may change
 * while the workspace runs: a lowered concurrency applies to the next request, not to those in flight.
 */
@FunctionalInterface
public interface WorkspaceLimits {

    PlatformLimits of(WorkspaceId workspace, PlatformLimits platform);

    WorkspaceLimits PLATFORM = (workspace, platform) -> platform;
}
