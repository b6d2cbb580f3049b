package dev.faaslab.billing;

import java.math.BigDecimal;

/**
 * Usage at one moment, in the units Lambda bills: requests and GB-seconds (1 GB = 1024 MB).
 *
 * <p>GB-seconds are exact: one MB·ms is 1/1,024,000 GB-s, a terminating decimal, so nothing is rounded
 * before prices are applied.
 *
 * @param requests                       invocations, on-demand and on provisioned instances
 * @param onDemandGbSeconds              duration of invocations on on-demand instances
 * @param provisionedDurationGbSeconds   duration of invocations served by provisioned instances
 * @param provisionedConfiguredGbSeconds memory-time provisioned concurrency was configured, used or idle
 */
public record UsageSnapshot(
        long requests,
        BigDecimal onDemandGbSeconds,
        BigDecimal provisionedDurationGbSeconds,
        BigDecimal provisionedConfiguredGbSeconds) {

    // Declared before NONE, which needs it during class initialisation.
    private static final BigDecimal MB_MS_PER_GB_SECOND = BigDecimal.valueOf(1024L * 1000L);

    /** No usage at all. */
    public static final UsageSnapshot NONE = of(0, 0, 0, 0);

    public UsageSnapshot {
        if (requests < 0) {
            throw new IllegalArgumentException("requests must be 0 or more, not " + requests);
        }
        nonNegative("onDemandGbSeconds", onDemandGbSeconds);
        nonNegative("provisionedDurationGbSeconds", provisionedDurationGbSeconds);
        nonNegative("provisionedConfiguredGbSeconds", provisionedConfiguredGbSeconds);
    }

    /** A snapshot from the integer counters {@link Usage} keeps. */
    public static UsageSnapshot of(long requests, long onDemandMbMs, long provisionedDurationMbMs,
                                   long provisionedConfiguredMbMs) {
        return new UsageSnapshot(requests, gbSeconds(onDemandMbMs), gbSeconds(provisionedDurationMbMs),
                gbSeconds(provisionedConfiguredMbMs));
    }

    /** {@code megabyteMillis} MB·ms in GB-seconds, exactly (without trailing zeros). */
    public static BigDecimal gbSeconds(long megabyteMillis) {
        // 1,024,000 = 2^13 * 5^3, so the quotient always terminates and divide() cannot throw.
        return BigDecimal.valueOf(megabyteMillis).divide(MB_MS_PER_GB_SECOND).stripTrailingZeros();
    }

    /** Both snapshots' usage together, e.g. every function of an account before its free tier is applied. */
    public UsageSnapshot plus(UsageSnapshot other) {
        return new UsageSnapshot(Math.addExact(requests, other.requests),
                onDemandGbSeconds.add(other.onDemandGbSeconds),
                provisionedDurationGbSeconds.add(other.provisionedDurationGbSeconds),
                provisionedConfiguredGbSeconds.add(other.provisionedConfiguredGbSeconds));
    }

    private static void nonNegative(String field, BigDecimal value) {
        if (value == null || value.signum() < 0) {
            throw new IllegalArgumentException(field + " must be 0 or more, not " + value);
        }
    }
}
