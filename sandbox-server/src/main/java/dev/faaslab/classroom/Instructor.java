package dev.faaslab.classroom;

import dev.faaslab.core.WorkspaceId;

/** An instructor; {@code passwordHash} is null until they set a password through a one-time link. */
public record Instructor(String id, String login, String displayName, String passwordHash, WorkspaceId workspace) {
}
