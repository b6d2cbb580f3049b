package dev.faaslab.platform;

import dev.faaslab.core.WorkspaceId;
import java.time.Instant;

/**
 * A published version: an immutable copy of the function's code and configuration.
 *
 * @param workspace    whose it is
 * @param functionName the function it belongs to
 * @param version      1, 2, 3 … in order of publication, never reused within a function's life
 * @param spec         the code and configuration as they were when published
 * @param description  what the learner wrote when publishing; may be empty
 * @param codeSha256   base64 SHA-256 of the code
 * @param createdAt    when it was published
 */
public record VersionRecord(WorkspaceId workspace, String functionName, int version, FunctionSpec spec,
                            String description, String codeSha256, Instant createdAt) {
}
