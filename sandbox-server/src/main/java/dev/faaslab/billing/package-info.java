/**
 * Lambda's billing model: what an invocation, a month's usage and a bill cost at list prices.
 *
 * <p>{@link dev.faaslab.billing.Prices} is the one place prices live (a configuration, with presets);
 * {@link dev.faaslab.billing.Usage} counts requests and memory-time in exact integer units while
 * functions run; {@link dev.faaslab.billing.Bill} prices a {@link dev.faaslab.billing.UsageSnapshot}
 * and applies the monthly free tier. Money is a {@link java.math.BigDecimal} in USD at
 * {@link dev.faaslab.billing.Usd#SCALE} decimal places, so micro-dollar invocations stay visible.
 */
package dev.faaslab.billing;
