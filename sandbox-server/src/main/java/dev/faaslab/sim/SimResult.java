package dev.faaslab.sim;

import java.util.List;
import java.util.Locale;

/**
 * What a simulation measured. Probabilities are shares of requests; averages are over time (an average
 * of 2.5 instances means 2.5 instance-seconds per second).
 *
 * @param requests               requests that arrived
 * @param served                 requests that ran (the others were rejected or throttled)
 * @param coldStarts             served requests that started their instance
 * @param rejections             requests refused at the concurrency limit (429, ...ConcurrentInvocationLimitExceeded)
 * @param throttles              requests refused by the scaling rate (429, FunctionInvocationRateLimitExceeded)
 * @param coldStartProbability   cold starts per served request
 * @param rejectionProbability   refused (rejected or throttled) per arriving request
 * @param averageInstances       instances loaded, on average: running plus idle
 * @param averageRunning         instances serving a request, on average
 * @param averageIdle            instances loaded and waiting, on average (provisioned ones included)
 * @param instancesStarted       on-demand instances started (one per cold start)
 * @param instancesReclaimed     on-demand instances the keep-alive reclaimed before the end
 * @param instanceLifeSpanSeconds mean time from start to reclaim, over the reclaimed ones (0 if none)
 * @param responseTime           service times of served requests (there is no queue: a request runs at once or not at all)
 * @param billedGbSeconds        on-demand and provisioned duration billed, each request rounded up to 1 ms
 * @param cost                   the bill against an always-on server, and the break-even rate
 * @param series                 counts per interval and instances at each interval's end, for charts
 */
public record SimResult(
        long requests, long served, long coldStarts, long rejections, long throttles,
        double coldStartProbability, double rejectionProbability,
        double averageInstances, double averageRunning, double averageIdle,
        long instancesStarted, long instancesReclaimed, double instanceLifeSpanSeconds,
        ResponseTime responseTime, double billedGbSeconds, CostComparison cost, List<SeriesPoint> series) {

    /** The report for people. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Requests            %,d arrived, %,d served, %,d rejected at the concurrency limit, %,d throttled by the scaling rate%n",
                requests, served, rejections, throttles));
        text.append(String.format(Locale.ROOT, "Cold starts         %,d: P(cold start) = %.4f; P(rejection) = %.4f%n",
                coldStarts, coldStartProbability, rejectionProbability));
        text.append(String.format(Locale.ROOT, "Instances           %.3f on average: %.3f running, %.3f idle%n",
                averageInstances, averageRunning, averageIdle));
        text.append(instancesReclaimed == 0
                ? String.format(Locale.ROOT, "Instance life span  %,d started, none reclaimed before the end%n", instancesStarted)
                : String.format(Locale.ROOT, "Instance life span  %,d started, %,d reclaimed, living %.1f s on average%n",
                        instancesStarted, instancesReclaimed, instanceLifeSpanSeconds));
        text.append(String.format(Locale.ROOT, "Response time       mean %.4f s, p50 %.4f s, p99 %.4f s%n",
                responseTime.meanSeconds(), responseTime.p50Seconds(), responseTime.p99Seconds()));
        text.append(String.format(Locale.ROOT, "Serverless bill     $%.6f (requests $%.6f, duration $%.6f for %.1f GB-s, provisioned $%.6f)%n",
                cost.serverlessUsd(), cost.requestsUsd(), cost.durationUsd(), billedGbSeconds, cost.provisionedUsd()));
        text.append(String.format(Locale.ROOT, "Always-on server    $%.6f at $%.4f an hour: serverless is %s%n",
                cost.serverUsd(), cost.serverUsdPerHour(), cost.serverlessCheaper() ? "cheaper" : "dearer"));
        if (cost.breakEvenRequestsPerSecond() != null) {
            text.append(String.format(Locale.ROOT, "Break-even          %.3f requests a second (at $%.10f a request)",
                    cost.breakEvenRequestsPerSecond(), cost.costPerRequestUsd()));
        } else {
            text.append("Break-even          no request was served, so there is no cost per request to compare");
        }
        return text.toString();
    }

    /** Seconds: mean, median and 99th percentile. */
    public record ResponseTime(double meanSeconds, double p50Seconds, double p99Seconds) {
    }

    /**
     * One interval of the run.
     *
     * @param endSeconds  when the interval ended
     * @param arrivals    requests that arrived in it
     * @param coldStarts  cold starts in it
     * @param refused     requests rejected or throttled in it
     * @param running     instances serving a request at its end
     * @param idle        instances loaded and idle at its end
     */
    public record SeriesPoint(double endSeconds, long arrivals, long coldStarts, long refused, int running, int idle) {
    }
}
