package dev.faaslab.sim;

import dev.faaslab.billing.InvocationCost;
import dev.faaslab.billing.Prices;
import dev.faaslab.core.InvalidInputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Power tuning, as AWS Lambda Power Tuning charts it, for a CPU-bound, single-threaded function: what one
 * invocation takes and costs at each memory size.
 *
 * <p>Lambda gives CPU in proportion to memory, one vCPU at 1,769 MB. A CPU-bound function that takes
 * {@code base} seconds with a whole vCPU therefore takes {@code base × max(1, 1769 / memory)}: below
 * 1,769 MB it gets a fraction of a vCPU and runs slower in proportion; above, it gets more than one vCPU,
 * which a single thread cannot use, so it runs no faster and only costs more. Cost per invocation is the
 * billing package's {@link InvocationCost} (request price plus GB-seconds, duration rounded up to 1 ms).
 *
 * <p>Best by cost: the cheapest (the faster on a tie). Best by speed: the fastest (the cheaper on a tie).
 * Balanced, as Power Tuning's weighted choice: the smallest {@code w × cost / maxCost + (1 − w) ×
 * duration / maxDuration}, each normalised by the largest among the sizes tried, with weight {@code w}
 * on cost (default 0.5: cost and speed alike).
 */
public final class PowerTuning {

    public static final int ONE_VCPU_MB = 1769;
    public static final List<Integer> DEFAULT_SIZES = List.of(128, 256, 512, 1024, 1536, 1769, 3008);
    public static final double DEFAULT_WEIGHT = 0.5;

    private PowerTuning() {
    }

    /** One memory size's figures. */
    public record Size(int memoryMb, double durationSeconds, long billedMs, double costUsd) {
    }

    /** The table and the three picks. */
    public record Result(double baseSeconds, double costWeight, List<Size> sizes, Size cheapest, Size fastest,
                         Size balanced) {
    }

    /** Seconds a CPU-bound invocation takes at {@code memoryMb}, given {@code baseSeconds} at one vCPU. */
    public static double durationSeconds(double baseSeconds, int memoryMb) {
        return baseSeconds * Math.max(1.0, (double) ONE_VCPU_MB / memoryMb);
    }

    public static Result tune(double baseSeconds, List<Integer> memorySizes, Prices prices, double costWeight) {
        if (!(baseSeconds > 0)) {
            throw new InvalidInputException("the duration at 1,769 MB must be more than 0 seconds, not " + baseSeconds);
        }
        if (memorySizes.isEmpty()) {
            throw new InvalidInputException("power tuning needs at least one memory size");
        }
        if (!(costWeight >= 0 && costWeight <= 1)) {
            throw new InvalidInputException("the balance weight must be between 0 (speed only) and 1 (cost only),"
                    + " not " + costWeight);
        }
        List<Size> sizes = new ArrayList<>();
        for (int memoryMb : memorySizes) {
            if (memoryMb < 128 || memoryMb > 10_240) {
                throw new InvalidInputException("memory sizes go from 128 to 10,240 MB, as Lambda's do, not " + memoryMb);
            }
            double seconds = durationSeconds(baseSeconds, memoryMb);
            long billedMs = (long) Math.ceil(seconds * 1000 - 1e-9);
            double cost = InvocationCost.of(prices, billedMs, memoryMb, false).doubleValue();
            sizes.add(new Size(memoryMb, seconds, billedMs, cost));
        }
        Comparator<Size> byCost = Comparator.comparingDouble(Size::costUsd).thenComparingDouble(Size::durationSeconds);
        Comparator<Size> bySpeed = Comparator.comparingDouble(Size::durationSeconds).thenComparingDouble(Size::costUsd);
        double maxCost = sizes.stream().mapToDouble(Size::costUsd).max().orElseThrow();
        double maxDuration = sizes.stream().mapToDouble(Size::durationSeconds).max().orElseThrow();
        Comparator<Size> balance = Comparator.<Size>comparingDouble(size -> costWeight * size.costUsd() / maxCost
                + (1 - costWeight) * size.durationSeconds() / maxDuration).thenComparing(byCost);
        return new Result(baseSeconds, costWeight, List.copyOf(sizes), sizes.stream().min(byCost).orElseThrow(),
                sizes.stream().min(bySpeed).orElseThrow(), sizes.stream().min(balance).orElseThrow());
    }
}
