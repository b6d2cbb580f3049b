package dev.faaslab.platform;

import java.time.Instant;

/**
 * An asynchronous invocation that was acknowledged (202) and has not finished yet.
 *
 * @param requestId    the id returned to the caller
 * @param workspace    whose function
 * @param functionName which function
 * @param qualifier    {@code $LATEST} or a version number
 * @param payload      the event, as JSON text
 * @param receivedAt   when it was acknowledged
 */
public record PendingEvent(String requestId, WorkspaceId workspace, String functionName, String qualifier,
                           String payload, Instant receivedAt) {
}
