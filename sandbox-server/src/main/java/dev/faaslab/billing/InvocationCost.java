package dev.faaslab.billing;

import java.math.BigDecimal;

/**
 * The list price of a single invocation: its request plus its duration in GB-seconds.
 *
 * <p>The free tier is deliberately not applied here: it is a monthly allowance for the whole account,
 * so whether one invocation is "free" depends on everything else that month. {@link Bill} applies it.
 */
public final class InvocationCost {

    private InvocationCost() {
    }

    /**
     * USD at {@value Usd#SCALE} decimal places, half up.
     *
     * @param billedMs              the runtime's billed duration, already rounded up to 1 ms
     * @param memoryMb              the function's configured memory (1 GB = 1024 MB)
     * @param onProvisionedInstance whether a provisioned instance served it: duration is then billed at
     *                              {@link Prices#provisionedDurationPerGbSecond()} instead of
     *                              {@link Prices#perGbSecond()} (the configured-time charge is separate)
     */
    public static BigDecimal of(Prices prices, long billedMs, int memoryMb, boolean onProvisionedInstance) {
        if (billedMs < 0) {
            throw new IllegalArgumentException("billedMs must be 0 or more, not " + billedMs);
        }
        if (memoryMb <= 0) {
            throw new IllegalArgumentException("memoryMb must be positive, not " + memoryMb);
        }
        BigDecimal gbSeconds = UsageSnapshot.gbSeconds(Math.multiplyExact(billedMs, memoryMb));
        BigDecimal perGbSecond = onProvisionedInstance ? prices.provisionedDurationPerGbSecond() : prices.perGbSecond();
        return Usd.of(prices.perRequest().add(gbSeconds.multiply(perGbSecond)));
    }
}
