package dev.faaslab.sim;

import dev.faaslab.billing.Prices;
import dev.faaslab.core.InvalidInputException;
import dev.faaslab.platform.policy.KeepAlivePolicy;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Everything one simulation needs: one function's traffic, service times, keep-alive, limits, how long
 * to run and with which seed, and the prices to bill it at. Same model, same seed: same result.
 *
 * @param traffic        where requests come from
 * @param warm           service time of a request that found an idle instance
 * @param cold           service time of a request that started its instance (Init plus the request)
 * @param keepAlive      makes a fresh keep-alive policy for each run (the hybrid one learns as it goes)
 * @param maxConcurrency requests in flight at most (a reserved concurrency); beyond it, rejected
 * @param provisioned    provisioned instances: loaded all the time, taken first, billed while configured
 * @param scaling        how fast instances may be added, or null for no scaling limit
 * @param durationSeconds how much virtual time to simulate
 * @param seed           the random generator's seed
 * @param seriesPoints   how many points the time series has
 * @param pricing        the bill's prices and the function's memory, and the always-on server's price
 */
public record SimModel(Traffic traffic, ServiceTime warm, ServiceTime cold, Supplier<KeepAlivePolicy> keepAlive,
                       int maxConcurrency, int provisioned, Scaling scaling, double durationSeconds, long seed,
                       int seriesPoints, Pricing pricing) {

    /**
     * A scaling rate as the live platform's {@code PlatformLimits} has it: {@code burst} new instances at
     * once, refilled continuously at {@code burst} per {@code intervalSeconds}.
     */
    public record Scaling(int burst, double intervalSeconds) {

        /** Lambda's: 1,000 new environments per function every 10 seconds. */
        public static final Scaling LAMBDA = new Scaling(1000, 10);
    }

    /**
     * @param prices            the serverless price list ({@link Prices}: the one place prices live)
     * @param memoryMb          the function's memory size, which its GB-seconds are billed at
     * @param serverUsdPerHour  what an always-on server costs an hour
     */
    public record Pricing(Prices prices, int memoryMb, double serverUsdPerHour) {

        /**
         * $0.0104 an hour: an EC2 t3.micro on demand in us-east-1 (2 burstable vCPUs, 1 GB), the smallest
         * general-purpose server that holds a function of 128 MB to 1 GB and its runtime, billed for every
         * hour whether or not requests come.
         */
        public static final double DEFAULT_SERVER_USD_PER_HOUR = 0.0104;
    }

    /** Lambda's default keep-alive as observed: 10 minutes (see serverless-facts). */
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofMinutes(10);

    /**
     * {@link SimOptions#DEFAULTS}' model: one request a second, warm requests 0.1 s and cold 0.5 s
     * (exponential), a 10-minute keep-alive, 1,000 concurrent at most, no scaling limit, an hour, seed 1.
     */
    public static SimModel defaults() {
        return SimOptions.DEFAULTS.model(Function.identity());
    }

    public SimModel {
        if (maxConcurrency < 1) {
            throw new InvalidInputException("the concurrency limit must be at least 1, not " + maxConcurrency);
        }
        if (provisioned < 0) {
            throw new InvalidInputException("provisioned instances must be 0 or more, not " + provisioned);
        }
        if (!(durationSeconds > 0) || durationSeconds * 1e9 >= Long.MAX_VALUE / 4) {
            throw new InvalidInputException("the duration must be more than 0 and less than 100 years, not "
                    + durationSeconds + " s");
        }
        if (seriesPoints < 1) {
            throw new InvalidInputException("the series needs at least 1 point, not " + seriesPoints);
        }
    }

    public SimModel withTraffic(Traffic newTraffic) {
        return new SimModel(newTraffic, warm, cold, keepAlive, maxConcurrency, provisioned, scaling, durationSeconds,
                seed, seriesPoints, pricing);
    }

    public SimModel withService(ServiceTime newWarm, ServiceTime newCold) {
        return new SimModel(traffic, newWarm, newCold, keepAlive, maxConcurrency, provisioned, scaling, durationSeconds,
                seed, seriesPoints, pricing);
    }

    public SimModel withKeepAlive(Supplier<KeepAlivePolicy> newKeepAlive) {
        return new SimModel(traffic, warm, cold, newKeepAlive, maxConcurrency, provisioned, scaling, durationSeconds,
                seed, seriesPoints, pricing);
    }

    public SimModel withLimits(int newMaxConcurrency, int newProvisioned, Scaling newScaling) {
        return new SimModel(traffic, warm, cold, keepAlive, newMaxConcurrency, newProvisioned, newScaling,
                durationSeconds, seed, seriesPoints, pricing);
    }

    public SimModel withRun(double newDurationSeconds, long newSeed, int newSeriesPoints) {
        return new SimModel(traffic, warm, cold, keepAlive, maxConcurrency, provisioned, scaling, newDurationSeconds,
                newSeed, newSeriesPoints, pricing);
    }
}
