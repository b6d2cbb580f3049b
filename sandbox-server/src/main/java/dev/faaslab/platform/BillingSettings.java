package dev.faaslab.platform;

import dev.faaslab.billing.Prices;
import java.util.Objects;

/**
 * How a workspace is billed: the price list and whether the monthly free tier applies. Stored as the
 * workspace's {@code billing} setting.
 *
 * @param prices   the provider's prices (Lambda x86 in us-east-1 by default)
 * @param freeTier whether the free tier's allowance is deducted; off by default, so that costs show
 */
public record BillingSettings(Prices prices, boolean freeTier) {

    public static final BillingSettings DEFAULT = new BillingSettings(Prices.AWS_LAMBDA_X86_US_EAST_1, false);

    public BillingSettings {
        Objects.requireNonNull(prices, "prices");
    }
}
