package dev.faaslab.billing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a month's usage costs, line by line, in USD at {@value Usd#SCALE} decimal places. Each line is
 * rounded once from the exact product; {@link #total} is their sum, so the lines always add up.
 *
 * @param requestsCost    every request, on-demand and provisioned
 * @param computeCost     on-demand duration
 * @param provisionedCost provisioned concurrency: configured time plus duration served by provisioned instances
 * @param freeTierCredit  zero or negative: the free tier's requests and on-demand GB-seconds
 * @param total           the sum of the lines above
 */
public record Bill(
        BigDecimal requestsCost,
        BigDecimal computeCost,
        BigDecimal provisionedCost,
        BigDecimal freeTierCredit,
        BigDecimal total) {

    public Bill {
        requestsCost = Usd.of(Objects.requireNonNull(requestsCost, "requestsCost"));
        computeCost = Usd.of(Objects.requireNonNull(computeCost, "computeCost"));
        provisionedCost = Usd.of(Objects.requireNonNull(provisionedCost, "provisionedCost"));
        freeTierCredit = Usd.of(Objects.requireNonNull(freeTierCredit, "freeTierCredit"));
        total = Usd.of(Objects.requireNonNull(total, "total"));
        if (freeTierCredit.signum() > 0) {
            throw new IllegalArgumentException("freeTierCredit must be 0 or negative, not " + freeTierCredit);
        }
        BigDecimal sum = requestsCost.add(computeCost).add(provisionedCost).add(freeTierCredit);
        if (sum.compareTo(total) != 0) {
            throw new IllegalArgumentException("total " + total + " is not the sum of the lines, " + sum);
        }
    }

    /**
     * The bill for {@code usage} at {@code prices}.
     *
     * @param freeTier whether to apply the monthly free tier; as on Lambda it covers requests (any kind)
     *                 and on-demand GB-seconds, never provisioned concurrency
     */
    public static Bill of(Prices prices, UsageSnapshot usage, boolean freeTier) {
        BigDecimal requestsCost = requestsCost(prices, usage.requests());
        BigDecimal computeCost = Usd.of(usage.onDemandGbSeconds().multiply(prices.perGbSecond()));
        BigDecimal provisionedCost = Usd.of(usage.provisionedConfiguredGbSeconds().multiply(prices.provisionedPerGbSecond())
                .add(usage.provisionedDurationGbSeconds().multiply(prices.provisionedDurationPerGbSecond())));
        BigDecimal credit = Usd.of(BigDecimal.ZERO);
        if (freeTier) {
            // Each part is rounded exactly as its line is, so a month inside the free tier comes to exactly zero.
            long freeRequests = Math.min(usage.requests(), prices.freeRequests());
            BigDecimal freeGbSeconds = usage.onDemandGbSeconds().min(prices.freeGbSeconds());
            credit = requestsCost(prices, freeRequests)
                    .add(Usd.of(freeGbSeconds.multiply(prices.perGbSecond())))
                    .negate();
        }
        return new Bill(requestsCost, computeCost, provisionedCost, credit,
                requestsCost.add(computeCost).add(provisionedCost).add(credit));
    }

    /**
     * What on-demand requests and their billed time cost, without the free tier: the figure a function's
     * metrics show for each second, in the API and on the live stream alike.
     */
    public static BigDecimal onDemand(Prices prices, long requests, long billedMbMs) {
        return of(prices, UsageSnapshot.of(requests, billedMbMs, 0, 0), false).total();
    }

    /** The bill as a small statement, every amount with at least micro-dollar precision. */
    public String format() {
        return String.join("\n",
                line("Requests", requestsCost),
                line("Compute (on-demand)", computeCost),
                line("Provisioned concurrency", provisionedCost),
                line("Free tier", freeTierCredit),
                line("Total", total));
    }

    @Override
    public String toString() {
        return "Bill " + Usd.format(total) + " (requests " + Usd.format(requestsCost)
                + ", compute " + Usd.format(computeCost) + ", provisioned " + Usd.format(provisionedCost)
                + ", free tier " + Usd.format(freeTierCredit) + ")";
    }

    private static BigDecimal requestsCost(Prices prices, long requests) {
        return Usd.of(prices.perRequest().multiply(BigDecimal.valueOf(requests)));
    }

    private static String line(String label, BigDecimal amount) {
        return String.format("%-24s %16s", label, Usd.format(amount));
    }
}
