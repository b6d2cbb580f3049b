package dev.faaslab.classroom;

import dev.faaslab.core.WorkspaceId;
import java.util.Objects;

/**
 * The signed-in person a request comes from, and what their session allows.
 *
 * @param id          the instructor's or learner's id
 * @param workspace   their own workspace: every function, table, bucket and queue they make is in it
 * @param classId     the learner's class; null for an instructor, who may have several
 * @param csrfToken   what the session's pages must send back in {@code X-CSRF-Token} on every change
 */
public record Principal(Role role, String id, String displayName, WorkspaceId workspace, String classId,
                        String csrfToken) {

    public Principal {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspace, "workspace");
    }

    public boolean instructor() {
        return role == Role.INSTRUCTOR;
    }
}
