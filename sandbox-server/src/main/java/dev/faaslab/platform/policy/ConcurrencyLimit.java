package dev.faaslab.platform.policy;

/**
 * How many requests may be in flight at once, live and simulated, by Lambda's rule: a function with a
 * reserved concurrency R may have R (0 switches it off); functions without one share what the account's
 * (here the workspace's) limit leaves after every reservation. Beyond it a request is throttled.
 *
 * @param ceiling the requests in flight the counter this function draws from may reach
 */
public record ConcurrencyLimit(int ceiling) {

    /**
     * @param reserved      the function's reserved concurrency, or null for none
     * @param accountLimit  the requests in flight the whole account (workspace) may have
     * @param reservedTotal every function's reservations added up
     */
    public static ConcurrencyLimit of(Integer reserved, int accountLimit, int reservedTotal) {
        return new ConcurrencyLimit(reserved != null ? reserved : accountLimit - reservedTotal);
    }

    /** Whether one more request may start while {@code inFlight} are running. */
    public boolean admits(int inFlight) {
        return inFlight < ceiling;
    }
}
