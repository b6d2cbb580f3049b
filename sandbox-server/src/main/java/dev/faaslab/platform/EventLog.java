package dev.faaslab.platform;

import java.util.List;

/**
 * Durable record of acknowledged asynchronous invocations: an event is written before it is
 * acknowledged, updated after each failed attempt, and removed once it has succeeded or given up, so
 * a restart runs (or retries) whatever a kill interrupted.
 */
public interface EventLog {

    void append(PendingEvent event);

    /** Records a failed attempt: the event's attempts, next attempt time and last error. */
    void reschedule(PendingEvent event);

    void remove(String requestId);

    /** What was acknowledged and not finished, oldest first. */
    List<PendingEvent> pending();
}
