package dev.faaslab.sim;

import dev.faaslab.billing.UsageSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * The serverless bill for the simulated period at list prices, against an always-on server over the
 * same period, and the arrival rate at which the two cost the same.
 *
 * <p>The free tier is left out: it is a monthly allowance per account, not a property of one function.
 * The bill is linear in requests (each costs its request price plus its billed GB-seconds), plus a fixed
 * charge for configured provisioned concurrency, so the break-even rate has a closed form:
 * {@code (server per second − provisioned per second) / cost per request}, at this run's mean cost per
 * request (which itself depends a little on the rate, through the share of cold starts). It assumes one
 * server can carry that load.
 *
 * @param serverlessUsd        requests, duration and provisioned concurrency over the period
 * @param requestsUsd          the request charges
 * @param durationUsd          on-demand and provisioned duration charges
 * @param provisionedUsd       provisioned concurrency configured over the period, used or not
 * @param serverUsd            the always-on server over the period
 * @param serverUsdPerHour     its hourly price
 * @param costPerRequestUsd    the bill's variable part per served request (null when none was served)
 * @param breakEvenRequestsPerSecond the arrival rate at which both bills are equal (null when none was served)
 * @param serverlessCheaper    whether serverless cost less over this period
 */
public record CostComparison(double serverlessUsd, double requestsUsd, double durationUsd, double provisionedUsd,
                             double serverUsd, double serverUsdPerHour, Double costPerRequestUsd,
                             Double breakEvenRequestsPerSecond, boolean serverlessCheaper) {

    static CostComparison of(SimModel.Pricing pricing, long served, long onDemandMbMs, long provisionedMbMs,
                             int provisioned, double durationSeconds) {
        var prices = pricing.prices();
        double requests = served * prices.perRequest().doubleValue();
        double duration = UsageSnapshot.gbSeconds(onDemandMbMs).multiply(prices.perGbSecond()).doubleValue()
                + UsageSnapshot.gbSeconds(provisionedMbMs).multiply(prices.provisionedDurationPerGbSecond()).doubleValue();
        double provisionedGbSeconds = provisioned * (pricing.memoryMb() / 1024.0) * durationSeconds;
        double provisionedUsd = provisionedGbSeconds * prices.provisionedPerGbSecond().doubleValue();
        double serverless = requests + duration + provisionedUsd;
        double server = pricing.serverUsdPerHour() * durationSeconds / 3600;
        Double perRequest = served == 0 ? null : (requests + duration) / served;
        Double breakEven = perRequest == null || perRequest == 0 ? null
                : Math.max(0, (server - provisionedUsd) / durationSeconds / perRequest);
        return new CostComparison(serverless, requests, duration, provisionedUsd, server, pricing.serverUsdPerHour(),
                perRequest, breakEven, serverless < server);
    }

    /** Both bills over the simulated period at one arrival rate: a point of the break-even chart. */
    public record BillsAt(double requestsPerSecond, double serverlessUsd, double serverUsd) {
    }

    /**
     * Both bills at {@code points} arrival rates evenly spaced from 0 to {@code maxRequestsPerSecond}, in the
     * closed form the break-even rate comes from: the serverless bill grows by this run's cost per request, the
     * server's stays flat. Empty when no request was served (there is no cost per request to draw).
     */
    public List<BillsAt> billsByRate(double durationSeconds, double maxRequestsPerSecond, int points) {
        if (costPerRequestUsd == null || points < 2) {
            return List.of();
        }
        List<BillsAt> bills = new ArrayList<>(points);
        for (int i = 0; i < points; i++) {
            double rate = maxRequestsPerSecond * i / (points - 1);
            bills.add(new BillsAt(rate, rate * durationSeconds * costPerRequestUsd + provisionedUsd, serverUsd));
        }
        return List.copyOf(bills);
    }

    /** Megabyte-milliseconds to GB-seconds, as the billing package counts them (1 GB = 1,024 MB). */
    static double gbSeconds(long mbMs) {
        return UsageSnapshot.gbSeconds(mbMs).doubleValue();
    }
}
