package dev.faaslab.platform;

import dev.faaslab.core.WorkspaceId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A workspace's small durable documents: a learner's progress (one JSON document per key, such as a
 * lesson id) and its settings (billing prices, limits), each a JSON text. Writes that return are committed.
 */
public interface WorkspaceData {

    /** Every progress document of the workspace, by key. */
    Map<String, String> progress(WorkspaceId workspace);

    /** The progress document under {@code key}, if there is one. */
    Optional<String> progress(WorkspaceId workspace, String key);

    void putProgress(WorkspaceId workspace, String key, String json, Instant now);

    /** Removes the progress document under {@code key}; removing one that is not there does nothing. */
    void deleteProgress(WorkspaceId workspace, String key);

    /**
     * Makes {@code documents} the workspace's whole progress, in one transaction: either every old document
     * is gone and every new one stored, or nothing changed.
     */
    void replaceProgress(WorkspaceId workspace, Map<String, String> documents, Instant now);

    Optional<String> setting(WorkspaceId workspace, String key);

    void putSetting(WorkspaceId workspace, String key, String json, Instant now);
}
