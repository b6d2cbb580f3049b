package dev.faaslab.platform;

import java.util.List;

/**
 * Durable record of acknowledged asynchronous invocations: an event is written before it is
 * acknowledged and removed once it has run, so a restart runs whatever a kill interrupted.
 */
public interface EventLog {

    void append(PendingEvent event);

    void remove(String requestId);

    /** What was acknowledged and not finished, oldest first. */
    List<PendingEvent> pending();
}
