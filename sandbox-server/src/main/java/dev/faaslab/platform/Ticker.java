package dev.faaslab.platform;

import dev.faaslab.billing.Bill;
import dev.faaslab.metrics.MetricPoint;
import dev.faaslab.platform.policy.KeepAlivePolicy;
import dev.faaslab.stream.StreamEvent;
import dev.faaslab.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's heartbeat on the clock: ten times a second it closes idle instances past their keep-alive
 * and starts the asynchronous attempts due; once a second it records instance gauges, bills provisioned
 * concurrency and sends each function's metrics tick. It also frees idle instances when the server is
 * short of memory.
 */
final class Ticker {

    /** How often idle instances are checked against their keep-alive. */
    static final long SWEEP_NANOS = 100_000_000L;

    private static final Logger LOG = LoggerFactory.getLogger(Ticker.class);

    private final Clock clock;
    private final Workspaces workspaces;
    private final AsyncInvocations async;
    private final WorkspaceBilling billing;
    private final Thread thread;
    private volatile boolean stopped;

    Ticker(Clock clock, Workspaces workspaces, AsyncInvocations async, WorkspaceBilling billing) {
        this.clock = clock;
        this.workspaces = workspaces;
        this.async = async;
        this.billing = billing;
        this.thread = Thread.ofPlatform().name("faaslab-ticker").daemon(true).unstarted(this::tick);
    }

    /** Starts ticking: the first tick runs the events a restart left in the log. */
    void start() {
        thread.start();
    }

    void stop() {
        stopped = true;
        thread.interrupt();
    }

    /** Closes idle instances past their keep-alive (the ticker runs this ten times a second). */
    void sweep() {
        long now = clock.nanoTime();
        for (Workspace workspace : workspaces.all()) {
            for (LiveFunction function : workspace.functions()) {
                KeepAlivePolicy keepAlive = KeepAlivePolicy.fixed(function.spec().keepAlive());
                for (InstancePool pool : function.pools()) {
                    for (PooledInstance expired : pool.expire(now, keepAlive)) {
                        expired.instance.close();
                        function.changed(pool, expired, "reaped");
                    }
                }
            }
        }
    }

    /** As {@link Platform#reclaimIdle}. */
    int reclaimIdle(long bytes) {
        record Candidate(LiveFunction function, InstancePool pool, PooledInstance pooled, long mayHold) { }
        List<Candidate> candidates = new ArrayList<>();
        for (Workspace workspace : workspaces.all()) {
            for (LiveFunction function : workspace.functions()) {
                for (InstancePool pool : function.pools()) {
                    for (PooledInstance pooled : pool.idleOnDemand()) {
                        candidates.add(new Candidate(function, pool, pooled, pooled.instance.mayHoldBytes()));
                    }
                }
            }
        }
        candidates.sort(Comparator.comparingLong(Candidate::mayHold).reversed());
        long freed = 0;
        int closed = 0;
        for (Candidate candidate : candidates) {
            if (freed >= bytes) {
                break;
            }
            if (candidate.pool().reclaim(candidate.pooled())) {
                candidate.pooled().instance.close();
                candidate.function().changed(candidate.pool(), candidate.pooled(), "reclaimed");
                freed += candidate.mayHold();
                closed++;
            }
        }
        LOG.info("reclaimed {} idle instances that may have held {} MB, to free {} MB", closed, freed >> 20, bytes >> 20);
        return closed;
    }

    private void tick() {
        long next = clock.nanoTime();
        long lastSecond = clock.epochMillis() / 1000;
        long lastProvisionedNanos = clock.nanoTime();
        while (!stopped) {
            try {
                next += SWEEP_NANOS;
                clock.sleepUntil(next);
                sweep();
                async.runDue();
                long second = clock.epochMillis() / 1000;
                if (second != lastSecond) {
                    long now = clock.nanoTime();
                    everySecond(lastSecond, (now - lastProvisionedNanos) / 1_000_000);
                    lastProvisionedNanos = now;
                    lastSecond = second;
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("the platform's ticker failed; it goes on", e);
            }
        }
    }

    /** Closes the second just ended: instance gauges, provisioned billing, and a metrics tick per function. */
    private void everySecond(long endedSecond, long elapsedMillis) {
        for (Workspace workspace : workspaces.all()) {
            for (LiveFunction function : workspace.functions()) {
                InstanceCounts counts = function.instanceCounts();
                function.metrics().instances(endedSecond, counts.initialising(), counts.busy(), counts.idle());
                int provisioned = function.spec().provisionedConcurrency();
                if (provisioned > 0) {
                    // Provisioned concurrency is billed while configured, busy or not.
                    int memoryMb = function.spec().memoryMb();
                    function.usage().recordProvisionedConfigured(memoryMb, provisioned, elapsedMillis);
                    workspace.usage().recordProvisionedConfigured(memoryMb, provisioned, elapsedMillis);
                }
                if (workspace.hub().hasSubscribers()) {
                    MetricPoint point = function.metrics().at(endedSecond);
                    workspace.hub().publish(new StreamEvent.MetricsTick(function.name(), point,
                            Bill.onDemand(billing.settings(workspace.id()).prices(), point.invocations(),
                                    point.billedMbMs())));
                }
            }
        }
    }
}
