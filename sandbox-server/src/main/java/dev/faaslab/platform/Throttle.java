package dev.faaslab.platform;

/**
 * Why a request was refused before it ran, as Lambda's {@code TooManyRequestsException} says it.
 *
 * @param reason  Lambda's {@code Reason} code
 * @param message what happened and what to try, for a learner
 */
public record Throttle(Reason reason, String message) {

    public enum Reason {
        /** The workspace's unreserved concurrency is used up. */
        ConcurrentInvocationLimitExceeded,
        /** The function is at its reserved concurrency (or reserved 0: switched off). */
        ReservedFunctionConcurrentInvocationLimitExceeded,
        /** The function may not start new instances this fast. */
        FunctionInvocationRateLimitExceeded
    }
}
