package dev.faaslab.state.bucket;

import dev.faaslab.core.Identity;
import java.time.Instant;

/** A bucket, with how many objects and bytes it holds. */
public record Bucket(String name, Instant createdAt, long objectCount, long bytes) {

    public String arn() {
        return Identity.bucketArn(name);
    }
}
