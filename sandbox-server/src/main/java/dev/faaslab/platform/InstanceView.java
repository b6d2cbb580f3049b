package dev.faaslab.platform;

/**
 * An instance as the API shows it.
 *
 * @param id          its id, as in REPORT lines
 * @param version     the function version it runs
 * @param state       {@code initialising}, {@code busy} or {@code idle}
 * @param provisioned whether provisioned concurrency keeps it
 * @param invocations how many requests it has served
 * @param idleSeconds how long it has been idle (0 unless idle)
 */
public record InstanceView(String id, String version, String state, boolean provisioned, int invocations,
                           double idleSeconds) {
}
