package dev.faaslab.state.bucket;

/**
 * What one workspace may keep in buckets.
 *
 * @param maxBuckets        buckets per workspace
 * @param maxObjectBytes    one object
 * @param maxWorkspaceBytes all the objects of all its buckets together
 */
public record BucketLimits(int maxBuckets, long maxObjectBytes, long maxWorkspaceBytes) {

    public static final BucketLimits DEFAULT = new BucketLimits(100, 10L * 1024 * 1024, 100L * 1024 * 1024);
}
