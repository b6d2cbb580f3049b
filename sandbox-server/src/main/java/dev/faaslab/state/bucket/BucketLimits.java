package dev.faaslab.state.bucket;

/**
 * What one workspace may keep in buckets.
 *
 * What all its objects may hold, with its tables' items, is its storage quota (dev.faaslab.state.StorageQuota).
 *
 * @param maxBuckets     buckets per workspace
 * @param maxObjectBytes one object
 */
public record BucketLimits(int maxBuckets, long maxObjectBytes) {

    public static final BucketLimits DEFAULT = new BucketLimits(100, 10L * 1024 * 1024);
}
