package dev.faaslab.classroom;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What each learner of a class may use, set by the class's instructors. The platform enforces concurrency, memory
 * and code sizes as it enforces a workspace's own limits, tables and buckets their storage (a 429 or 413 the
 * learner sees in the lab, with the figure); the server's gate counts invocations per minute, and the traffic
 * generator keeps under its rate.
 *
 * @param concurrentInstances   requests in flight at once across the learner's functions (Lambda's concurrency)
 * @param invocationsPerMinute  requests to run a function (HTTP triggers, invoke, the Invoke API) per minute
 * @param memoryMb              the most memory a function may be configured with
 * @param codeBytesPerFunction  the largest function code, in bytes
 * @param codeStorageBytes      all of the learner's code and versions, in bytes
 * @param trafficRps            the traffic generator's highest base rate, requests a second
 * @param storageBytes          what the learner's tables (their items' JSON) and buckets (their objects) may hold
 *                              together, in bytes
 */
public record ClassQuotas(int concurrentInstances, int invocationsPerMinute, int memoryMb, long codeBytesPerFunction,
                          long codeStorageBytes, int trafficRps, long storageBytes) {

    private static final long KB = 1024;
    /** 20 MB a learner: 4 GB for a class of 200, on the server's disk. */
    static final long DEFAULT_STORAGE_BYTES = 20 * KB * KB;

    /** A workshop on one laptop-class server: 200 learners at 10 at once each is the whole platform's 2,000. */
    public static final ClassQuotas DEFAULT = new ClassQuotas(10, 600, 512, 256 * KB, 5 * KB * KB, 20,
            DEFAULT_STORAGE_BYTES);

    /**
     * As the JSON a class's quotas are kept and sent in; a class kept before {@code storageBytes} existed (or a
     * request that leaves it out) gets its default.
     */
    @JsonCreator
    static ClassQuotas of(@JsonProperty("concurrentInstances") int concurrentInstances,
                          @JsonProperty("invocationsPerMinute") int invocationsPerMinute,
                          @JsonProperty("memoryMb") int memoryMb,
                          @JsonProperty("codeBytesPerFunction") long codeBytesPerFunction,
                          @JsonProperty("codeStorageBytes") long codeStorageBytes, @JsonProperty("trafficRps") int trafficRps,
                          @JsonProperty("storageBytes") Long storageBytes) {
        return new ClassQuotas(concurrentInstances, invocationsPerMinute, memoryMb, codeBytesPerFunction,
                codeStorageBytes, trafficRps, storageBytes == null ? DEFAULT_STORAGE_BYTES : storageBytes);
    }

    public ClassQuotas {
        check("concurrentInstances", concurrentInstances, 1, 100);
        check("invocationsPerMinute", invocationsPerMinute, 1, 60_000);
        check("memoryMb", memoryMb, 128, 10_240);
        check("codeBytesPerFunction", codeBytesPerFunction, 1, 1024 * KB);
        check("codeStorageBytes", codeStorageBytes, codeBytesPerFunction, 75 * KB * KB);
        check("trafficRps", trafficRps, 1, 100);
        check("storageBytes", storageBytes, 1, 1024 * KB * KB);
    }

    private static void check(String field, long value, long least, long most) {
        if (value < least || value > most) {
            throw new ClassroomException(400, "InvalidQuota", "the quota '" + field + "' must be " + least + " to "
                    + most + ", not " + value, java.util.Map.of("field", field));
        }
    }
}
