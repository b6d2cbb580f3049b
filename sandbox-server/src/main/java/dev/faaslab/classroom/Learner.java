package dev.faaslab.classroom;

import dev.faaslab.core.WorkspaceId;
import java.time.Instant;

/**
 * One learner of one class, and their workspace.
 *
 * @param ltiSubject the LMS's id for them when they came through an LTI launch, else null
 */
public record Learner(String id, String classId, String displayName, WorkspaceId workspace, String ltiSubject,
                      Instant joinedAt, Instant lastActiveAt) {
}
