/**
 * The platform's decision rules as plain values that take the time as a {@code long} of nanoseconds:
 * when an idle instance is reclaimed ({@link dev.faaslab.platform.policy.KeepAlivePolicy}), how fast
 * a function may add instances ({@link dev.faaslab.platform.policy.TokenBucket}), which instance serves
 * the next request ({@link dev.faaslab.platform.policy.Reuse}) and how many may be in flight
 * ({@link dev.faaslab.platform.policy.ConcurrencyLimit}). The live platform asks them with its clock's
 * reading, the simulator ({@code dev.faaslab.sim}) with virtual time: one set of rules for both.
 */
package dev.faaslab.platform.policy;
