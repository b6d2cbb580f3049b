package dev.faaslab.bench;

import java.util.List;
import java.util.Locale;

/**
 * What {@code faaslab bench start} measured; {@code --json} prints it as one object with these names.
 *
 * @param readyMs                 each launch's time until {@code /health} answered
 * @param firstInvocationMs       each launch's time until a first JavaScript function had answered
 * @param medianReadyMs           the median of {@code readyMs}
 * @param maxReadyMs              the slowest launch
 * @param medianFirstInvocationMs the median of {@code firstInvocationMs}
 */
public record StartBenchResult(List<Long> readyMs, List<Long> firstInvocationMs, long medianReadyMs, long maxReadyMs,
                               long medianFirstInvocationMs) {

    /** The target: ready within 3 s of launch, once built. */
    public static final long TARGET_READY_MS = 3_000;

    static StartBenchResult of(List<Long> ready, List<Long> firstInvocation) {
        return new StartBenchResult(List.copyOf(ready), List.copyOf(firstInvocation), median(ready),
                ready.stream().mapToLong(Long::longValue).max().orElse(0), median(firstInvocation));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }

    public boolean meetsTarget() {
        return medianReadyMs <= TARGET_READY_MS;
    }

    public String describe() {
        return String.format(Locale.ROOT, """
                FaaS Lab start-up benchmark (%d launches of ./faaslab start, each on a new data directory)
                  ready (/health answers)       median %5d ms, slowest %5d ms   (target <= 3,000 ms: %s)
                  first function answered       median %5d ms   (includes the JavaScript engine's start)
                  each launch, ready            %s""",
                readyMs.size(), medianReadyMs, maxReadyMs, meetsTarget() ? "met" : "NOT met", medianFirstInvocationMs,
                readyMs);
    }
}
