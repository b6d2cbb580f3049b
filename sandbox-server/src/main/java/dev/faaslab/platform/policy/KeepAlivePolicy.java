package dev.faaslab.platform.policy;

import java.time.Duration;

/**
 * How long an idle instance stays loaded after its last request. An instance that went idle at
 * {@code idleSince} is unloaded until {@code idleSince + prewarmNanos()} (pre-warm policies free its
 * memory and load it again just before the next request is expected), loaded from then on, and reclaimed
 * once it has been idle for {@link #keepUntilNanos()}.
 *
 * <p>Every idle instance of a function is judged by the same windows, so the one idle longest is always
 * the first to expire: pools can keep their idle instances in the order they went idle and expire from
 * the old end.
 */
public sealed interface KeepAlivePolicy permits KeepAlivePolicy.None, KeepAlivePolicy.Fixed, HybridHistogramPolicy {

    /** How long after going idle an instance is (re)loaded; 0 for policies that never unload early. */
    long prewarmNanos();

    /** How long after going idle an instance is reclaimed; {@link Long#MAX_VALUE} for never. */
    long keepUntilNanos();

    /** Whether an instance idle since {@code idleSinceNanos} has been reclaimed by {@code nowNanos}. */
    default boolean expired(long idleSinceNanos, long nowNanos) {
        return nowNanos - idleSinceNanos >= keepUntilNanos();
    }

    /**
     * The function had nothing in flight for {@code idleNanos} before a request arrived. Policies that
     * learn from the function's idle times (the hybrid histogram) record it; the others ignore it.
     */
    default void idleTimeObserved(long idleNanos) {
    }

    /** Whether {@link #idleTimeObserved} does anything: the simulator skips the call when it does not. */
    default boolean learns() {
        return false;
    }

    /** Reclaim at once: every request after an idle moment is a cold start. */
    static KeepAlivePolicy none() {
        return None.INSTANCE;
    }

    /** Keep an idle instance for {@code keepAlive}, as Lambda (about 10 minutes) and Azure (about 20) do. */
    static KeepAlivePolicy fixed(Duration keepAlive) {
        return new Fixed(keepAlive.toNanos());
    }

    /** Never reclaim an idle instance. */
    static KeepAlivePolicy forever() {
        return new Fixed(Long.MAX_VALUE);
    }

    /** No keep-alive. */
    enum None implements KeepAlivePolicy {
        INSTANCE;

        @Override
        public long prewarmNanos() {
            return 0;
        }

        @Override
        public long keepUntilNanos() {
            return 0;
        }
    }

    /** A fixed keep-alive: what the live platform runs, with each function's {@code keepAlive}. */
    record Fixed(long keepUntilNanos) implements KeepAlivePolicy {

        public Fixed {
            if (keepUntilNanos < 0) {
                throw new IllegalArgumentException("a keep-alive cannot be negative: " + keepUntilNanos + " ns");
            }
        }

        @Override
        public long prewarmNanos() {
            return 0;
        }
    }
}
