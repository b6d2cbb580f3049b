package dev.faaslab.platform;

import dev.faaslab.platform.policy.KeepAlivePolicy;
import dev.faaslab.platform.policy.Reuse;
import dev.faaslab.runtime.DeployedFunction;
import dev.faaslab.runtime.ExecutionEnvironment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The instances of one function version. A request takes a provisioned idle instance first, then the
 * most recently used on-demand one (so the least recently used drift towards expiry, and the pool
 * shrinks when traffic falls); only when none is idle does it start a new instance, a cold start.
 * Instances leave the pool when their keep-alive expires, when a limit ends them, or when the
 * function's code or configuration changes (the pool is retired).
 */
final class InstancePool {

    private final String version;
    private final DeployedFunction deployment;
    private final Deque<PooledInstance> idle = new ArrayDeque<>();
    private final Deque<PooledInstance> provisionedIdle = new ArrayDeque<>();
    private final Set<PooledInstance> all = new LinkedHashSet<>();
    private int provisionedTarget;
    private int provisionedCount;
    private boolean retired;

    InstancePool(String version, DeployedFunction deployment) {
        this.version = version;
        this.deployment = deployment;
    }

    String version() {
        return version;
    }

    DeployedFunction deployment() {
        return deployment;
    }

    /** A warm instance to serve one request, or null when a new one must start. */
    synchronized PooledInstance takeIdle() {
        // The most recently used on-demand instance is at the front of its deque (see release).
        PooledInstance taken = switch (Reuse.choose(!provisionedIdle.isEmpty(), !idle.isEmpty())) {
            case PROVISIONED -> provisionedIdle.pollFirst();
            case MOST_RECENT -> idle.pollFirst();
            case COLD_START -> null;
        };
        if (taken != null) {
            taken.waiting = false;
        }
        return taken;
    }

    /** A new on-demand instance, already counted in the pool, not yet started. */
    synchronized PooledInstance startNew() {
        PooledInstance created = new PooledInstance(deployment.newInstance(), false);
        all.add(created);
        return created;
    }

    /**
     * Hands an instance back after a request. Returns false when it left the pool instead (a limit
     * ended it, or the pool was retired meanwhile) and has been closed.
     */
    synchronized boolean release(PooledInstance pooled, long nowNanos) {
        if (retired || pooled.instance.state() == ExecutionEnvironment.State.DISCARDED
                || pooled.provisioned && provisionedCount > provisionedTarget) {
            remove(pooled);
            return false;
        }
        pooled.idleSinceNanos = nowNanos;
        pooled.waiting = true;
        (pooled.provisioned ? provisionedIdle : idle).addFirst(pooled);
        return true;
    }

    /** Removes the on-demand instances {@code keepAlive} has reclaimed by now; the caller closes them. */
    synchronized List<PooledInstance> expire(long nowNanos, KeepAlivePolicy keepAlive) {
        List<PooledInstance> expired = new ArrayList<>();
        // The least recently used are at the tail: stop at the first that is still within its keep-alive.
        while (!idle.isEmpty() && keepAlive.expired(idle.peekLast().idleSinceNanos, nowNanos)) {
            PooledInstance oldest = idle.pollLast();
            all.remove(oldest);
            expired.add(oldest);
        }
        return expired;
    }

    /** The on-demand instances idle now, for the platform to choose among when it needs memory back. */
    synchronized List<PooledInstance> idleOnDemand() {
        return new ArrayList<>(idle);
    }

    /** Takes {@code pooled} out of the pool if it is still idle; the caller closes it. Returns whether it was. */
    synchronized boolean reclaim(PooledInstance pooled) {
        if (idle.remove(pooled)) {
            all.remove(pooled);
            return true;
        }
        return false;
    }

    /**
     * Sets how many provisioned instances to keep; returns the new instances to initialise (counted,
     * not yet idle) and closes idle ones beyond the target.
     */
    synchronized List<PooledInstance> provision(int target, List<PooledInstance> surplus) {
        provisionedTarget = target;
        List<PooledInstance> added = new ArrayList<>();
        if (retired) {
            return added;
        }
        while (provisionedCount < target) {
            PooledInstance created = new PooledInstance(deployment.newInstance(), true);
            all.add(created);
            provisionedCount++;
            added.add(created);
        }
        Iterator<PooledInstance> idleOnes = provisionedIdle.iterator();
        while (provisionedCount > target && idleOnes.hasNext()) {
            PooledInstance extra = idleOnes.next();
            idleOnes.remove();
            all.remove(extra);
            provisionedCount--;
            surplus.add(extra);
        }
        return added;
    }

    /** A provisioned instance finished its Init phase: it may serve requests now. */
    synchronized boolean provisionedReady(PooledInstance pooled, long nowNanos) {
        if (!all.contains(pooled)) {
            return false;
        }
        if (pooled.instance.state() != ExecutionEnvironment.State.IDLE) {
            remove(pooled);
            return false;
        }
        return release(pooled, nowNanos);
    }

    /** Retires the pool (its function changed): idle instances go now, busy ones when they finish. */
    synchronized List<PooledInstance> retire() {
        retired = true;
        provisionedTarget = 0;
        List<PooledInstance> leaving = new ArrayList<>(idle);
        leaving.addAll(provisionedIdle);
        idle.clear();
        provisionedIdle.clear();
        leaving.forEach(all::remove);
        provisionedCount = 0;
        return leaving;
    }

    /** Provisioned instances initialised and idle or busy, as Lambda's AvailableProvisionedConcurrentExecutions. */
    synchronized int provisionedAvailable() {
        int available = 0;
        for (PooledInstance pooled : all) {
            ExecutionEnvironment.State state = pooled.instance.state();
            if (pooled.provisioned && (state == ExecutionEnvironment.State.IDLE || state == ExecutionEnvironment.State.BUSY)) {
                available++;
            }
        }
        return available;
    }

    /** How many instances are in each state now: initialising, busy, idle. */
    synchronized InstanceCounts counts() {
        int initialising = 0;
        int busy = 0;
        int idle = 0;
        for (PooledInstance pooled : all) {
            switch (pooled.instance.state()) {
                case NEW, INITIALISING -> initialising++;
                case BUSY -> busy++;
                case IDLE -> {
                    if (pooled.waiting) {
                        idle++;
                    } else {
                        busy++;
                    }
                }
                case DISCARDED -> { }
            }
        }
        return new InstanceCounts(initialising, busy, idle);
    }

    synchronized List<InstanceView> views(long nowNanos) {
        List<InstanceView> views = new ArrayList<>(all.size());
        for (PooledInstance pooled : all) {
            boolean waiting = pooled.waiting;
            String state = switch (pooled.instance.state()) {
                case NEW, INITIALISING -> "initialising";
                case BUSY, DISCARDED -> "busy";
                case IDLE -> waiting ? "idle" : "busy";
            };
            double idleSeconds = waiting ? (nowNanos - pooled.idleSinceNanos) / 1e9 : 0;
            views.add(new InstanceView(pooled.id(), version, state, pooled.provisioned,
                    pooled.instance.invocations(), Double.parseDouble(String.format(Locale.ROOT, "%.3f", idleSeconds))));
        }
        return views;
    }

    private void remove(PooledInstance pooled) {
        if (all.remove(pooled) && pooled.provisioned) {
            provisionedCount--;
        }
        pooled.instance.close();
    }
}
