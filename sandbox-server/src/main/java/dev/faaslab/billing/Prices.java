package dev.faaslab.billing;

import java.math.BigDecimal;

/**
 * A price list for Lambda-style billing: the one place prices live. It is configuration, read and
 * written as JSON by a plain Jackson {@code ObjectMapper}:
 * {@code {"name":"…","perMillionRequests":0.20,"perGbSecond":0.0000166667,…}}.
 *
 * <p>Not modelled: Lambda's volume tiers for on-demand duration (above 6 billion GB-seconds a month),
 * ephemeral storage beyond 512 MB, and data transfer.
 *
 * @param name                           shown to learners, e.g. {@code AWS Lambda x86, us-east-1}
 * @param perMillionRequests             USD per million requests (on-demand and provisioned alike)
 * @param perGbSecond                    USD per GB-second of on-demand duration
 * @param provisionedPerGbSecond         USD per GB-second that provisioned concurrency is configured, used or idle
 * @param provisionedDurationPerGbSecond USD per GB-second of duration on a provisioned instance
 * @param freeRequests                   requests a month the free tier covers
 * @param freeGbSeconds                  on-demand GB-seconds a month the free tier covers
 */
public record Prices(
        String name,
        BigDecimal perMillionRequests,
        BigDecimal perGbSecond,
        BigDecimal provisionedPerGbSecond,
        BigDecimal provisionedDurationPerGbSecond,
        long freeRequests,
        BigDecimal freeGbSeconds) {

    /**
     * AWS Lambda on x86 in us-east-1 (list prices as of 2025). The two provisioned-concurrency prices
     * are approximate.
     */
    public static final Prices AWS_LAMBDA_X86_US_EAST_1 = new Prices("AWS Lambda x86, us-east-1",
            new BigDecimal("0.20"), new BigDecimal("0.0000166667"),
            new BigDecimal("0.0000041667"), new BigDecimal("0.0000097222"),
            1_000_000, new BigDecimal("400000"));

    /**
     * AWS Lambda on Arm (Graviton) in us-east-1: about 20% cheaper per GB-second, same request price
     * and free tier. The two provisioned-concurrency prices are approximate.
     */
    public static final Prices AWS_LAMBDA_ARM_US_EAST_1 = new Prices("AWS Lambda Arm, us-east-1",
            new BigDecimal("0.20"), new BigDecimal("0.0000133334"),
            new BigDecimal("0.0000033334"), new BigDecimal("0.0000077778"),
            1_000_000, new BigDecimal("400000"));

    public Prices {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("prices need a name, such as \"AWS Lambda x86, us-east-1\"");
        }
        nonNegative("perMillionRequests", perMillionRequests);
        nonNegative("perGbSecond", perGbSecond);
        nonNegative("provisionedPerGbSecond", provisionedPerGbSecond);
        nonNegative("provisionedDurationPerGbSecond", provisionedDurationPerGbSecond);
        if (freeRequests < 0) {
            throw new IllegalArgumentException("freeRequests must be 0 or more, not " + freeRequests);
        }
        nonNegative("freeGbSeconds", freeGbSeconds);
    }

    /** USD per request: exact, since it is a millionth of {@link #perMillionRequests}. */
    public BigDecimal perRequest() {
        return perMillionRequests.movePointLeft(6);
    }

    private static void nonNegative(String field, BigDecimal value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing from the prices");
        }
        if (value.signum() < 0) {
            throw new IllegalArgumentException(field + " must be 0 or more, not " + value.toPlainString());
        }
    }
}
