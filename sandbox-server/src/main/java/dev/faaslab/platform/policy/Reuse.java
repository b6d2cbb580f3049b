package dev.faaslab.platform.policy;

/**
 * Which instance serves the next request, live and simulated: a provisioned idle one first (it is paid for
 * whether used or not), then the most recently used on-demand one (so the least recently used drift
 * towards their keep-alive and the pool shrinks when traffic falls), and only when neither is idle a new
 * one: a cold start.
 */
public enum Reuse {
    PROVISIONED,
    MOST_RECENT,
    COLD_START;

    public static Reuse choose(boolean provisionedIdle, boolean onDemandIdle) {
        return provisionedIdle ? PROVISIONED : onDemandIdle ? MOST_RECENT : COLD_START;
    }
}
