package dev.faaslab.platform;

import dev.faaslab.core.WorkspaceId;
import dev.faaslab.runtime.sdk.Lineage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * An asynchronous invocation that was acknowledged (202) and has not finished yet: not yet run, or
 * failed and waiting for its retry.
 *
 * @param requestId     the id returned to the caller, the same for every attempt
 * @param workspace     whose function
 * @param functionName  which function
 * @param qualifier     {@code $LATEST} or a version number
 * @param payload       the event, as JSON text
 * @param receivedAt    when it was acknowledged; its age counts from here
 * @param attempts      how many attempts have failed so far (0 before the first)
 * @param nextAttemptAt when the next attempt may run (kept to the millisecond)
 * @param lastError     the last attempt's error as Lambda reports it (JSON text), or null
 * @param lineage       the chain of invocations that caused it ({@link Lineage#NONE} when none did)
 */
public record PendingEvent(String requestId, WorkspaceId workspace, String functionName, String qualifier,
                           String payload, Instant receivedAt, int attempts, Instant nextAttemptAt,
                           String lastError, Lineage lineage) {

    public PendingEvent {
        lineage = lineage == null ? Lineage.NONE : lineage;
    }

    /** A new event, caused by no invocation: no attempt yet, the first due at once. */
    public PendingEvent(String requestId, WorkspaceId workspace, String functionName, String qualifier,
                        String payload, Instant receivedAt) {
        this(requestId, workspace, functionName, qualifier, payload, receivedAt, Lineage.NONE);
    }

    /** A new event that an invocation of {@code lineage} caused: no attempt yet, the first due at once. */
    public PendingEvent(String requestId, WorkspaceId workspace, String functionName, String qualifier,
                        String payload, Instant receivedAt, Lineage lineage) {
        this(requestId, workspace, functionName, qualifier, payload, receivedAt, 0,
                receivedAt.truncatedTo(ChronoUnit.MILLIS), null, lineage);
    }

    /** The same event after {@code failedAttempts} failures, due again at {@code next}. */
    public PendingEvent retry(int failedAttempts, Instant next, String error) {
        return new PendingEvent(requestId, workspace, functionName, qualifier, payload, receivedAt, failedAttempts,
                next, error, lineage);
    }
}
