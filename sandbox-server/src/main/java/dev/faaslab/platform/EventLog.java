package dev.faaslab.platform;

import dev.faaslab.core.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Durable record of acknowledged asynchronous invocations: an event is written before it is
 * acknowledged, updated after each failed or throttled attempt, and removed once it has succeeded or
 * given up, so a restart runs (or retries) whatever a kill interrupted. Waiting events live here, not
 * in the platform's memory.
 */
public interface EventLog {

    /** A workspace's waiting events: how many, and their payloads' UTF-8 bytes together. */
    record Backlog(long events, long bytes) {
        public static final Backlog NONE = new Backlog(0, 0);
    }

    void append(PendingEvent event);

    /** Records a failed or throttled attempt: the event's attempts, next attempt time and last error. */
    void reschedule(PendingEvent event);

    void remove(String requestId);

    /** What was acknowledged and not finished, oldest first. */
    List<PendingEvent> pending();

    /**
     * Up to {@code limit} events due by {@code now} (their next attempt time has come), soonest due first
     * and then in the order appended, leaving out those whose request ids are in {@code except}.
     */
    List<PendingEvent> due(Instant now, int limit, Set<String> except);

    /** Every workspace's waiting events, by workspace; one without any is left out. */
    Map<WorkspaceId, Backlog> backlogs();
}
