package dev.faaslab.billing;

import java.util.concurrent.atomic.LongAdder;

/**
 * Billable usage as it happens, recorded from many threads at once (tens of thousands of invocations
 * a second): lock-free {@link LongAdder}s in integer units (requests and MB·ms), converted to
 * GB-seconds only by {@link #snapshot()}, so nothing is lost to rounding along the way.
 *
 * <p>The counters hold up to about 9.2 × 10<sup>18</sup> MB·ms each (9 × 10<sup>12</sup> GB-s,
 * some $150 million of on-demand duration); {@link #snapshot()} fails rather than return a wrapped sum.
 */
public final class Usage {

    private final LongAdder requests = new LongAdder();
    private final LongAdder onDemandMbMs = new LongAdder();
    private final LongAdder provisionedDurationMbMs = new LongAdder();
    private final LongAdder provisionedConfiguredMbMs = new LongAdder();

    /**
     * One invocation.
     *
     * @param billedMs    the runtime's billed duration (init included on a cold start)
     * @param memoryMb    the function's configured memory
     * @param provisioned whether a provisioned instance served it (billed at the provisioned duration price)
     */
    public void record(long billedMs, int memoryMb, boolean provisioned) {
        long mbMs = megabyteMillis(memoryMb, billedMs, "billedMs");
        requests.increment();
        (provisioned ? provisionedDurationMbMs : onDemandMbMs).add(mbMs);
    }

    /**
     * Provisioned concurrency kept configured for {@code millis}, billed whether or not it served anything.
     * Lambda rounds each configured period up to 5 minutes; that is the caller's to decide, since it may
     * record one period in many slices.
     */
    public void recordProvisionedConfigured(int memoryMb, int instances, long millis) {
        if (instances < 0) {
            throw new IllegalArgumentException("instances must be 0 or more, not " + instances);
        }
        provisionedConfiguredMbMs.add(Math.multiplyExact(megabyteMillis(memoryMb, millis, "millis"), instances));
    }

    /**
     * The usage so far. While other threads record, each figure is exact but they may not all include the
     * same in-flight invocation; once recording stops, the snapshot is exact.
     */
    public UsageSnapshot snapshot() {
        return UsageSnapshot.of(sum(requests, "requests"), sum(onDemandMbMs, "on-demand MB·ms"),
                sum(provisionedDurationMbMs, "provisioned-duration MB·ms"),
                sum(provisionedConfiguredMbMs, "provisioned-configured MB·ms"));
    }

    private static long megabyteMillis(int memoryMb, long millis, String what) {
        if (memoryMb <= 0) {
            throw new IllegalArgumentException("memoryMb must be positive, not " + memoryMb);
        }
        if (millis < 0) {
            throw new IllegalArgumentException(what + " must be 0 or more, not " + millis);
        }
        return Math.multiplyExact(millis, memoryMb);
    }

    private static long sum(LongAdder adder, String what) {
        long sum = adder.sum();
        if (sum < 0) {
            throw new ArithmeticException(what + " overflowed a long");
        }
        return sum;
    }
}
