package dev.faaslab.state.table;

import dev.faaslab.core.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where tables and their items are kept, durably; every method is one transaction. */
public interface TableStore {

    /**
     * Creates a table unless the workspace has {@code maxTables} already.
     *
     * @throws dev.faaslab.state.StateException ALREADY_EXISTS (with a table of that name), QUOTA_EXCEEDED
     */
    Table create(WorkspaceId workspace, Table table, int maxTables, Instant now);

    Optional<Table> table(WorkspaceId workspace, String name);

    /** By name. */
    List<Table> tables(WorkspaceId workspace);

    /** Deletes a table and its items; false when there was none. */
    boolean drop(WorkspaceId workspace, String name);

    Optional<VersionedItem> get(WorkspaceId workspace, String table, ItemKey key);

    /** What a write makes of an item: its new document, or empty to delete it. May throw to refuse. */
    @FunctionalInterface
    interface Change {
        Optional<String> apply(Optional<VersionedItem> current);
    }

    /**
     * Reads the item, locked against concurrent writers until this commits, and writes what
     * {@code change} makes of it. The change may run more than once (a lost race is retried), so it must
     * not do anything but compute.
     *
     * @return the item as written, or empty when it was deleted (or was absent and stays so)
     * @throws dev.faaslab.state.StateException TABLE_NOT_FOUND, QUOTA_EXCEEDED (a new item past
     *                                          {@code maxItems}, or an item that grows the workspace's items and
     *                                          objects past {@code maxStorageBytes}), or whatever the change throws
     */
    Optional<VersionedItem> write(WorkspaceId workspace, String table, ItemKey key, long maxItems,
                                  long maxStorageBytes, Instant now, Change change);

    /**
     * Up to {@code limit} items of one partition in sort-key order, from after {@code after} (null for the
     * first page).
     */
    List<VersionedItem> query(WorkspaceId workspace, Table table, String partition, SortRange range, ItemKey after,
                              int limit);

    /**
     * Up to {@code limit} items of the whole table in key order (partition key, then sort key), whose partition key
     * starts with {@code prefix} (null for all), from after {@code after} (null for the first page). Partition keys
     * are ordered by character, as the store's text sorts (PostgreSQL's C collation, H2's default); a numeric
     * partition key is ordered as its text.
     */
    List<VersionedItem> scan(WorkspaceId workspace, Table table, String prefix, ItemKey after, int limit);
}
