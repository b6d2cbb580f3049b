package dev.faaslab.platform;

import dev.faaslab.core.WorkspaceId;
import java.time.Instant;

/**
 * A function as stored: its {@code $LATEST} specification and bookkeeping.
 *
 * @param workspace  whose it is
 * @param spec       code and configuration of {@code $LATEST}
 * @param revision   1 on creation, +1 on every update (Lambda's RevisionId, as a number)
 * @param codeSha256 base64 SHA-256 of the code, as Lambda's CodeSha256
 * @param createdAt  when it was first saved
 * @param updatedAt  when it was last saved
 */
public record FunctionRecord(WorkspaceId workspace, FunctionSpec spec, long revision, String codeSha256,
                             Instant createdAt, Instant updatedAt) {

    public String name() {
        return spec.name();
    }
}
