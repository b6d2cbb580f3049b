package dev.faaslab.platform;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where functions and their versions live durably. Every method is scoped to a workspace; a write that
 * returns has been committed and survives the process being killed right after.
 */
public interface FunctionStore {

    /** Whether {@link #save} created the function or updated it. */
    record Saved(FunctionRecord function, boolean created) {
    }

    Optional<FunctionRecord> find(WorkspaceId workspace, String name);

    /** The workspace's functions, by name. */
    List<FunctionRecord> list(WorkspaceId workspace);

    /** Creates or replaces {@code $LATEST}; creates the workspace if it is new. */
    Saved save(WorkspaceId workspace, FunctionSpec spec, Instant now);

    /** Deletes the function and its versions; false when there was no such function. */
    boolean delete(WorkspaceId workspace, String name);

    /**
     * Publishes {@code $LATEST} as the next version. When neither code nor configuration changed since
     * the newest version, returns that version instead, as Lambda does.
     *
     * @throws java.util.NoSuchElementException when there is no such function
     */
    VersionRecord publish(WorkspaceId workspace, String name, String description, Instant now);

    /** The function's published versions, oldest first. */
    List<VersionRecord> versions(WorkspaceId workspace, String name);

    Optional<VersionRecord> version(WorkspaceId workspace, String name, int version);

    /** Every workspace that has ever saved anything. */
    List<WorkspaceId> workspaces();
}
