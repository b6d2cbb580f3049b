package dev.faaslab.store;

import dev.faaslab.core.WorkspaceId;
import dev.faaslab.state.StateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What a workspace keeps in its tables and buckets together, checked against its storage quota
 * (dev.faaslab.state.StorageQuota) by the writes that grow it, in their own transaction.
 */
final class StorageUse {

    private StorageUse() {
    }

    /** Bytes of all the workspace's table items and bucket objects, as recorded. */
    static long bytes(Connection connection, WorkspaceId workspace) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT"
                + " (SELECT COALESCE(SUM(byte_count), 0) FROM kv_tables WHERE workspace_id = ?)"
                + " + (SELECT COALESCE(SUM(size_bytes), 0) FROM bucket_objects WHERE workspace_id = ?)")) {
            select.setString(1, workspace.value());
            select.setString(2, workspace.value());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /**
     * Refuses growing the workspace's storage by {@code growth} bytes ({@code what}: "this item of 120 bytes")
     * when it would then be over {@code maxBytes}; shrinking is always allowed.
     */
    static void check(Connection connection, WorkspaceId workspace, long growth, long maxBytes, String what)
            throws SQLException {
        if (growth <= 0) {
            return;
        }
        long used = bytes(connection, workspace);
        if (used + growth > maxBytes) {
            throw new StateException(StateException.Reason.QUOTA_EXCEEDED, "the workspace's tables and buckets hold "
                    + used + " bytes; with " + what + " they would hold " + (used + growth) + ", over its storage"
                    + " quota of " + maxBytes + " bytes: delete items or objects you no longer need");
        }
    }
}
