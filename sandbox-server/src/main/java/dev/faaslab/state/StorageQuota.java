package dev.faaslab.state;

import dev.faaslab.core.WorkspaceId;

/**
 * How many bytes a workspace may keep in its tables and buckets together: their items' JSON and their objects.
 * Asked at each write that grows them, so an answer must be cheap (cached by whoever knows it); a classroom's
 * learners get their class's quota, everyone else {@link #DEFAULT_BYTES}.
 */
@FunctionalInterface
public interface StorageQuota {

    /** 100 MB: a workshop's worth of items and objects, far from filling the server's disk. */
    long DEFAULT_BYTES = 100L * 1024 * 1024;

    StorageQuota DEFAULT = workspace -> DEFAULT_BYTES;

    long bytesOf(WorkspaceId workspace);
}
