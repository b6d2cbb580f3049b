package dev.faaslab.runtime;

import java.util.Locale;

/**
 * The figures of one invocation, as Lambda's REPORT line gives them.
 *
 * @param requestId        the invocation's id
 * @param durationMs       the handler's run time
 * @param billedDurationMs what is billed: init (on a cold start) plus duration, rounded up to 1 ms,
 *                         as Lambda bills since August 2025
 * @param memorySizeMb     the configured memory
 * @param initDurationMs   building the instance and running the module's top-level code; null when warm
 * @param instanceId       which instance served it
 * @param cpuMs            the CPU time its handler used, when its style bills CPU time (Workers); else null
 */
public record Report(
        String requestId,
        double durationMs,
        long billedDurationMs,
        int memorySizeMb,
        Double initDurationMs,
        String instanceId,
        Double cpuMs) {

    public Report(String requestId, double durationMs, long billedDurationMs, int memorySizeMb, Double initDurationMs,
                  String instanceId) {
        this(requestId, durationMs, billedDurationMs, memorySizeMb, initDurationMs, instanceId, null);
    }

    public boolean cold() {
        return initDurationMs != null;
    }

    /** What {@code nanos} of run time bill: rounded up to the millisecond, 1 ms at least, as Lambda bills. */
    public static long billedMs(long nanos) {
        return Math.max(1, (nanos + 999_999) / 1_000_000);
    }

    static Report of(String requestId, long durationNanos, Long initNanos, int memorySizeMb, String instanceId) {
        long billedNanos = durationNanos + (initNanos == null ? 0 : initNanos);
        return new Report(requestId, durationNanos / 1e6, billedMs(billedNanos), memorySizeMb,
                initNanos == null ? null : initNanos / 1e6, instanceId);
    }

    /** The same figures with the handler's CPU time. */
    public Report withCpuNanos(long cpuNanos) {
        return new Report(requestId, durationMs, billedDurationMs, memorySizeMb, initDurationMs, instanceId, cpuNanos / 1e6);
    }

    /** {@code REPORT RequestId: … Duration: 1.23 ms Billed Duration: 2 ms Memory Size: 128 MB Init Duration: 0.91 ms}. */
    public String format() {
        StringBuilder line = new StringBuilder("REPORT RequestId: ").append(requestId)
                .append("\tDuration: ").append(String.format(Locale.ROOT, "%.2f", durationMs)).append(" ms")
                .append("\tBilled Duration: ").append(billedDurationMs).append(" ms")
                .append("\tMemory Size: ").append(memorySizeMb).append(" MB");
        if (initDurationMs != null) {
            line.append("\tInit Duration: ").append(String.format(Locale.ROOT, "%.2f", initDurationMs)).append(" ms");
        }
        return line.append("\tInstance: ").append(instanceId).append(cold() ? " (cold start)" : " (warm)").toString();
    }
}
