package dev.faaslab.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * US dollars as the billing package keeps and shows them: {@value #SCALE} decimal places, rounded half up.
 *
 * <p>Twelve places because one small invocation costs a fraction of a micro-dollar (128 MB for 1 ms is
 * about $0.0000002); fewer would round learners' experiments to nothing.
 */
public final class Usd {

    /** Decimal places of every amount the package returns. */
    public static final int SCALE = 12;

    /** Fewest decimals {@link #format} shows: micro-dollars. */
    private static final int MIN_SHOWN = 6;

    private Usd() {
    }

    /** {@code exact} rounded half up to {@value #SCALE} places. */
    public static BigDecimal of(BigDecimal exact) {
        return exact.setScale(SCALE, RoundingMode.HALF_UP);
    }

    /**
     * {@code $0.000021}, {@code $43.733420}, {@code -$6.866680}, {@code $0.000000202083}: at least six
     * decimals, more only when they are not zeros.
     */
    public static String format(BigDecimal amount) {
        BigDecimal rounded = of(amount);
        int shown = Math.max(MIN_SHOWN, rounded.stripTrailingZeros().scale());
        String digits = rounded.abs().setScale(shown, RoundingMode.UNNECESSARY).toPlainString();
        return (rounded.signum() < 0 ? "-$" : "$") + digits;
    }
}
