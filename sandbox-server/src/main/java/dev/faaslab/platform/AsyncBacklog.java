package dev.faaslab.platform;

import dev.faaslab.core.WorkspaceId;
import java.util.HashMap;
import java.util.Map;

/**
 * Each workspace's asynchronous events accepted and not finished, and their payloads' bytes, counted
 * here so that a quota check reads no rows. The {@link EventLog} holds the events; these counts follow it:
 * read from it when the platform starts, added to before an event is appended, taken from after one is
 * removed.
 */
final class AsyncBacklog {

    private final Map<WorkspaceId, EventLog.Backlog> byWorkspace;

    AsyncBacklog(Map<WorkspaceId, EventLog.Backlog> stored) {
        this.byWorkspace = new HashMap<>(stored);
    }

    /**
     * Counts one more event of {@code bytes}.
     *
     * @throws QuotaExceededException when the workspace would be past its quota of events or bytes
     */
    synchronized void add(WorkspaceId workspace, long bytes, Quotas quotas) {
        EventLog.Backlog now = of(workspace);
        quotas.checkAsyncBacklog(now.events() + 1, now.bytes() + bytes);
        byWorkspace.put(workspace, new EventLog.Backlog(now.events() + 1, now.bytes() + bytes));
    }

    synchronized void remove(WorkspaceId workspace, long bytes) {
        EventLog.Backlog now = of(workspace);
        if (now.events() <= 1) {
            byWorkspace.remove(workspace);
        } else {
            byWorkspace.put(workspace, new EventLog.Backlog(now.events() - 1, now.bytes() - bytes));
        }
    }

    synchronized EventLog.Backlog of(WorkspaceId workspace) {
        return byWorkspace.getOrDefault(workspace, EventLog.Backlog.NONE);
    }

    /** Across every workspace. */
    synchronized long events() {
        long events = 0;
        for (EventLog.Backlog backlog : byWorkspace.values()) {
            events += backlog.events();
        }
        return events;
    }
}
