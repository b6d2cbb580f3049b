package dev.faaslab.state.bucket;

import dev.faaslab.core.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where buckets, object metadata and subscriptions are kept, durably; every method is one transaction.
 * Keys are given with their {@code keyHex} (the UTF-8 bytes in lower-case hex), which orders them.
 */
public interface BucketStore {

    /** @throws dev.faaslab.state.StateException ALREADY_EXISTS, QUOTA_EXCEEDED (past {@code maxBuckets}) */
    Bucket create(WorkspaceId workspace, String name, int maxBuckets, Instant now);

    Optional<Bucket> bucket(WorkspaceId workspace, String name);

    /** By name. */
    List<Bucket> buckets(WorkspaceId workspace);

    /**
     * Deletes an empty bucket and its subscriptions.
     *
     * @throws dev.faaslab.state.StateException BUCKET_NOT_FOUND, BUCKET_NOT_EMPTY
     */
    void delete(WorkspaceId workspace, String name);

    Optional<StoredObject> object(WorkspaceId workspace, String bucket, String keyHex);

    /**
     * Records an object, replacing any with its key, unless the workspace's objects and table items would then
     * be over {@code maxStorageBytes}.
     *
     * @return the object it replaced, whose file is no longer needed
     * @throws dev.faaslab.state.StateException BUCKET_NOT_FOUND, QUOTA_EXCEEDED
     */
    Optional<StoredObject> put(WorkspaceId workspace, String bucket, String keyHex, StoredObject object,
                               long maxStorageBytes);

    /** Forgets an object; returns it (its file is no longer needed), or empty when there was none. */
    Optional<StoredObject> remove(WorkspaceId workspace, String bucket, String keyHex);

    /** Up to {@code limit} objects whose keyHex starts with {@code prefixHex}, after {@code afterHex} (null: from the first). */
    List<StoredObject> objects(WorkspaceId workspace, String bucket, String prefixHex, String afterHex, int limit);

    /** The files that objects name, as {@code workspace/bucket/fileName}: the rest may be deleted. */
    Set<String> files();

    /** @throws dev.faaslab.state.StateException ALREADY_EXISTS */
    Subscription subscribe(WorkspaceId workspace, Subscription subscription);

    List<Subscription> subscriptions(WorkspaceId workspace, String bucket);

    boolean unsubscribe(WorkspaceId workspace, String bucket, String id);
}
