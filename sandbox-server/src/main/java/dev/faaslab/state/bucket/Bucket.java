package dev.faaslab.state.bucket;

import java.time.Instant;

/** A bucket, with how many objects and bytes it holds. */
public record Bucket(String name, Instant createdAt, long objectCount, long bytes) {

    /** S3's ARN of a bucket: no region or account in it. */
    public String arn() {
        return "arn:aws:s3:::" + name;
    }
}
