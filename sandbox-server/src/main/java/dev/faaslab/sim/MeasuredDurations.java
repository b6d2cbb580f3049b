package dev.faaslab.sim;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Service times measured in the live sandbox, read from a function's REPORT lines as CloudWatch Logs
 * Insights reads Lambda's: a warm request took its {@code Duration}; a cold one made its caller wait for
 * {@code Init Duration} and {@code Duration} both.
 *
 * @param warmMs the warm invocations' durations, in milliseconds
 * @param coldMs the cold starts' Init plus Duration, in milliseconds
 */
public record MeasuredDurations(double[] warmMs, double[] coldMs) {

    private static final Pattern DURATION = Pattern.compile("\\tDuration: ([0-9.]+) ms");
    private static final Pattern INIT = Pattern.compile("\\tInit Duration: ([0-9.]+) ms");

    /** The durations in {@code lines} (a function's log, any lines: only REPORT lines count). */
    public static MeasuredDurations fromLog(List<String> lines) {
        double[] warm = new double[lines.size()];
        double[] cold = new double[lines.size()];
        int warmCount = 0;
        int coldCount = 0;
        for (String line : lines) {
            if (!line.startsWith("REPORT ")) {
                continue;
            }
            Matcher duration = DURATION.matcher(line);
            if (!duration.find()) {
                continue;
            }
            double ms = Double.parseDouble(duration.group(1));
            Matcher init = INIT.matcher(line);
            if (init.find()) {
                cold[coldCount++] = ms + Double.parseDouble(init.group(1));
            } else {
                warm[warmCount++] = ms;
            }
        }
        return new MeasuredDurations(Arrays.copyOf(warm, warmCount), Arrays.copyOf(cold, coldCount));
    }

    /** The warm durations as a service time, or empty when none was measured. */
    public Optional<ServiceTime> warm() {
        return empirical(warmMs);
    }

    /** The cold durations as a service time, or empty when none was measured. */
    public Optional<ServiceTime> cold() {
        return empirical(coldMs);
    }

    private static Optional<ServiceTime> empirical(double[] ms) {
        if (ms.length == 0) {
            return Optional.empty();
        }
        long[] nanos = new long[ms.length];
        for (int i = 0; i < ms.length; i++) {
            nanos[i] = Math.round(ms[i] * 1e6);
        }
        return Optional.of(new ServiceTime.Empirical(nanos));
    }
}
