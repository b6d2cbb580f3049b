package dev.faaslab.events.stream;

import dev.faaslab.core.WorkspaceId;
import java.util.List;
import java.util.Optional;

/**
 * Where streams, their records and their mappings are kept, durably; every method is one transaction.
 * The records themselves are written by the table store, in each item write's transaction.
 */
public interface StreamStore {

    Optional<TableStream> stream(WorkspaceId workspace, String table);

    /** Turns the table's stream on with this view type (or changes it); the table must exist. */
    TableStream enable(WorkspaceId workspace, String table, StreamViewType viewType, String label);

    /** Turns it off; false when it was not on. Its records stay until they expire. */
    boolean disable(WorkspaceId workspace, String table);

    /** Up to {@code limit} records after {@code afterSequence}, in order, none made before {@code notBeforeMillis}. */
    List<StreamRecord> records(WorkspaceId workspace, String table, long afterSequence, int limit,
                               long notBeforeMillis);

    /** Forgets the records made before {@code beforeMillis}, of every table; returns how many. */
    int trim(long beforeMillis);

    /** A mapping, with where it is. */
    record Positioned(WorkspaceId workspace, StreamMapping mapping, Checkpoint checkpoint) {
    }

    /** Saves a new mapping at {@code start}. */
    void createMapping(WorkspaceId workspace, StreamMapping mapping, Checkpoint start);

    Optional<Positioned> mapping(WorkspaceId workspace, String uuid);

    List<Positioned> mappings(WorkspaceId workspace);

    List<Positioned> enabledMappings();

    boolean deleteMapping(WorkspaceId workspace, String uuid);

    /** Moves a mapping on; nothing when it was deleted meanwhile. */
    void checkpoint(WorkspaceId workspace, String uuid, Checkpoint checkpoint);
}
