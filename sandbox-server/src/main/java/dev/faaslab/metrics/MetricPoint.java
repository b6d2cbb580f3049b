package dev.faaslab.metrics;

/**
 * One function's figures for one second, as CloudWatch's 1-second metrics would give them.
 *
 * @param epochSecond        which second
 * @param invocations        requests that ran (cold or warm, succeeded or not)
 * @param errors             of those, how many ended in an error
 * @param throttles          requests refused before they ran
 * @param coldStarts         invocations that started a new instance
 * @param concurrentPeak     the most requests in flight at once during the second
 * @param initialising       instances starting, at the end of the second
 * @param busy               instances serving a request, at the end of the second
 * @param idle               warm instances waiting, at the end of the second
 * @param durationP50Ms      median duration, or null when nothing ran
 * @param durationP90Ms      90th percentile, or null
 * @param durationP99Ms      99th percentile, or null
 * @param initDurationMaxMs  the longest Init phase among the cold starts, or null
 * @param billedMbMs         billed milliseconds × memory, the unit cost is computed from
 * @param sdkCalls           calls the function made through the {@code faaslab} SDK
 * @param recursiveInvocationsDropped events not run because their chain was a recursive loop (Lambda's metric)
 */
public record MetricPoint(
        long epochSecond,
        long invocations,
        long errors,
        long throttles,
        long coldStarts,
        int concurrentPeak,
        int initialising,
        int busy,
        int idle,
        Double durationP50Ms,
        Double durationP90Ms,
        Double durationP99Ms,
        Double initDurationMaxMs,
        long billedMbMs,
        long sdkCalls,
        long recursiveInvocationsDropped) {
}
