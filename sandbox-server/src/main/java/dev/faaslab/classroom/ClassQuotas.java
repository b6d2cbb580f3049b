package dev.faaslab.classroom;

/**
 * What each learner of a class may use, set by the class's instructors. The platform enforces the first four as
 * it enforces a workspace's own limits (a 429 or 413 the learner sees in the lab, with the figure); the server's
 * gate counts invocations per minute, and the traffic generator keeps under its rate.
 *
 * @param concurrentInstances   requests in flight at once across the learner's functions (Lambda's concurrency)
 * @param invocationsPerMinute  requests to run a function (HTTP triggers, invoke, the Invoke API) per minute
 * @param memoryMb              the most memory a function may be configured with
 * @param codeBytesPerFunction  the largest function code, in bytes
 * @param codeStorageBytes      all of the learner's code and versions, in bytes
 * @param trafficRps            the traffic generator's highest base rate, requests a second
 */
public record ClassQuotas(int concurrentInstances, int invocationsPerMinute, int memoryMb, long codeBytesPerFunction,
                          long codeStorageBytes, int trafficRps) {

    private static final long KB = 1024;

    /** A workshop on one laptop-class server: 200 learners at 10 at once each is the whole platform's 2,000. */
    public static final ClassQuotas DEFAULT = new ClassQuotas(10, 600, 512, 256 * KB, 5 * KB * KB, 20);

    public ClassQuotas {
        check("concurrentInstances", concurrentInstances, 1, 100);
        check("invocationsPerMinute", invocationsPerMinute, 1, 60_000);
        check("memoryMb", memoryMb, 128, 10_240);
        check("codeBytesPerFunction", codeBytesPerFunction, 1, 1024 * KB);
        check("codeStorageBytes", codeStorageBytes, codeBytesPerFunction, 75 * KB * KB);
        check("trafficRps", trafficRps, 1, 100);
    }

    private static void check(String field, long value, long least, long most) {
        if (value < least || value > most) {
            throw new ClassroomException(400, "InvalidQuota", "the quota '" + field + "' must be " + least + " to "
                    + most + ", not " + value, java.util.Map.of("field", field));
        }
    }
}
