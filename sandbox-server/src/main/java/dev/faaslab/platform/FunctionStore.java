package dev.faaslab.platform;

import dev.faaslab.core.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where functions and their versions live durably. Every method is scoped to a workspace; a write that
 * returns has been committed and survives the process being killed right after.
 */
public interface FunctionStore {

    /** Whether {@link #save} created the function or updated it. */
    record Saved(FunctionRecord function, boolean created) {
    }

    /** A function's published versions: how many, and their code's UTF-8 bytes together. */
    record StoredVersions(int count, long codeBytes) {
        public static final StoredVersions NONE = new StoredVersions(0, 0);
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
    default VersionRecord publish(WorkspaceId workspace, String name, String description, Instant now) {
        return publish(workspace, name, description, now, () -> { });
    }

    /**
     * As {@link #publish(WorkspaceId, String, String, Instant)}, running {@code beforeNew} in the same
     * transaction just before a new version is written (not when the newest is answered again); what it
     * throws stops the publication and passes through.
     */
    VersionRecord publish(WorkspaceId workspace, String name, String description, Instant now, Runnable beforeNew);

    /** The function's published versions, oldest first. */
    List<VersionRecord> versions(WorkspaceId workspace, String name);

    Optional<VersionRecord> version(WorkspaceId workspace, String name, int version);

    /** By function name, the published versions of each function of the workspace that has any. */
    Map<String, StoredVersions> storedVersions(WorkspaceId workspace);

    /** Every workspace that has ever saved anything. */
    List<WorkspaceId> workspaces();
}
