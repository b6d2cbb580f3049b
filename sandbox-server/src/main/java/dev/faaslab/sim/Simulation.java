package dev.faaslab.sim;

import dev.faaslab.platform.policy.ConcurrencyLimit;
import dev.faaslab.platform.policy.KeepAlivePolicy;
import dev.faaslab.platform.policy.Reuse;
import dev.faaslab.platform.policy.TokenBucket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One run of a {@link SimModel}: a discrete-event simulation of one function's instances in virtual
 * nanoseconds. It applies the live platform's rules in the live platform's order:
 *
 * <ol>
 *   <li>admission: a request over the concurrency limit (requests in flight) is rejected;</li>
 *   <li>reuse: a provisioned idle instance first, then the most recently used on-demand one (so the
 *       least recently used drift towards expiry and the pool shrinks when traffic falls);</li>
 *   <li>scaling: only a request that must start an instance asks the {@link TokenBucket}, and is
 *       throttled when it is empty;</li>
 *   <li>keep-alive: an idle instance is reclaimed when its {@link KeepAlivePolicy} says so.</li>
 * </ol>
 *
 * <p>Nothing is allocated per request: instances are int ids; busy ones sit in a binary heap of finish
 * times, idle ones in a ring ordered by when they went idle. Reuse takes the newest end (most recently
 * used); expiry is lazy and drops from the oldest end, since the policy judges every idle instance by
 * the same windows. Time-averaged counts come from summing each instance's busy and idle periods.
 */
public final class Simulation {

    private static final long NO_TIME = Long.MIN_VALUE;
    private static final int PROVISIONED = -1;

    private final SimModel model;
    private final SplittableRandom random;
    private final Arrivals arrivals;
    private final ServiceTime warm;
    private final ServiceTime cold;
    private final KeepAlivePolicy keepAlive;
    private final boolean learns;
    private final TokenBucket scaling;
    private final ConcurrencyLimit limit;
    private final int provisioned;
    private final long end;
    private final long memoryMb;

    // Busy instances: a binary min-heap of finish times, with the instance id beside each.
    private long[] busyUntil = new long[64];
    private int[] busyId = new int[64];
    private int busy;

    // Idle on-demand instances: a ring, oldest idle at head, newest at head + idle - 1.
    private int[] idleId = new int[64];
    private long[] idleSince = new long[64];
    private int idleHead;
    private int idle;

    // On-demand instance ids, recycled.
    private long[] born = new long[64];
    private int[] freeIds = new int[64];
    private int free;
    private int nextId;

    private int provisionedBusy;
    private long quietSince = NO_TIME;

    private long requests;
    private long served;
    private long coldStarts;
    private long rejections;
    private long throttles;
    private long busyNanos;
    private long idleNanos;
    private long provisionedBusyNanos;
    private long instancesStarted;
    private long reclaimed;
    private long lifeSpanNanos;
    private long onDemandMbMs;
    private long provisionedMbMs;
    private final LatencyHistogram responseTimes = new LatencyHistogram();

    private final long seriesStep;
    private long nextSample;
    private final List<SimResult.SeriesPoint> series = new ArrayList<>();
    private long sampledArrivals;
    private long sampledColdStarts;
    private long sampledRefused;

    public Simulation(SimModel model) {
        this.model = model;
        this.random = new SplittableRandom(model.seed());
        this.arrivals = model.traffic().arrivals(random);
        this.warm = model.warm();
        this.cold = model.cold();
        this.keepAlive = model.keepAlive().get();
        this.learns = keepAlive.learns();
        this.scaling = model.scaling() == null ? null : new TokenBucket(model.scaling().burst(),
                Math.round(model.scaling().intervalSeconds() * 1e9), 0);
        // One function without a reservation, alone in its account: the live platform's rule with those numbers.
        this.limit = ConcurrencyLimit.of(null, model.maxConcurrency(), 0);
        this.provisioned = model.provisioned();
        this.end = Math.round(model.durationSeconds() * 1e9);
        this.memoryMb = model.pricing().memoryMb();
        this.seriesStep = Math.max(1, end / model.seriesPoints());
        this.nextSample = seriesStep;
    }

    /** Runs the model to its end. A simulation runs once. */
    public SimResult run() {
        long t = arrivals.next(0);
        while (t < end) {
            while (nextSample <= t && series.size() < model.seriesPoints()) {
                sample(nextSample);
            }
            finishUntil(t);
            arrive(t);
            t = arrivals.next(t);
        }
        while (nextSample <= end && series.size() < model.seriesPoints()) {
            sample(nextSample);
        }
        finishUntil(end);
        return result();
    }

    private void arrive(long t) {
        requests++;
        if (!limit.admits(busy)) {
            rejections++;
            return;
        }
        if (learns && busy == 0 && quietSince != NO_TIME) {
            keepAlive.idleTimeObserved(t - quietSince);
        }
        long service;
        int id;
        expire(t);
        Reuse reuse = Reuse.choose(provisionedBusy < provisioned, idle > 0);
        if (reuse == Reuse.PROVISIONED) {
            provisionedBusy++;
            service = warm.sampleNanos(random);
            id = PROVISIONED;
        } else {
            // An idle instance the hybrid policy has not pre-warmed yet cannot serve: that too is a cold start.
            id = reuse == Reuse.MOST_RECENT ? takeIdle(t) : -1;
            if (id >= 0) {
                service = warm.sampleNanos(random);
            } else if (scaling != null && !scaling.tryTake(t)) {
                throttles++;
                return;
            } else {
                id = newInstance(t);
                service = cold.sampleNanos(random);
                coldStarts++;
            }
        }
        served++;
        responseTimes.record(service);
        long counted = Math.min(service, end - t);
        busyNanos += counted;
        long billedMs = (service + 999_999) / 1_000_000;
        if (id == PROVISIONED) {
            provisionedBusyNanos += counted;
            provisionedMbMs += billedMs * memoryMb;
        } else {
            onDemandMbMs += billedMs * memoryMb;
        }
        pushBusy(t + service, id);
    }

    /** Finishes every request due by {@code t}: its instance goes idle, or is reclaimed at once. */
    private void finishUntil(long t) {
        while (busy > 0 && busyUntil[0] <= t) {
            long done = busyUntil[0];
            int id = busyId[0];
            popBusy();
            if (id == PROVISIONED) {
                provisionedBusy--;
            } else if (keepAlive.keepUntilNanos() == 0) {
                reclaim(id, done);
            } else {
                pushIdle(id, done);
            }
            if (busy == 0) {
                quietSince = done;
            }
        }
    }

    /** Reclaims, from the oldest end, the idle instances the keep-alive has let go by {@code t}. */
    private void expire(long t) {
        if (idle == 0) {
            return;
        }
        long keepUntil = keepAlive.keepUntilNanos();
        long loadedFor = keepUntil - keepAlive.prewarmNanos();
        int mask = idleId.length - 1;
        while (idle > 0 && t - idleSince[idleHead] >= keepUntil) {
            idleNanos += Math.max(0, loadedFor);
            reclaim(idleId[idleHead], idleSince[idleHead] + keepUntil);
            idleHead = (idleHead + 1) & mask;
            idle--;
        }
    }

    /** The most recently used loaded idle instance, removed from the ring; -1 when there is none. */
    private int takeIdle(long t) {
        if (idle == 0) {
            return -1;
        }
        int mask = idleId.length - 1;
        long prewarm = keepAlive.prewarmNanos();
        int newest = (idleHead + idle - 1) & mask;
        if (prewarm == 0) {
            idleNanos += t - idleSince[newest];
            idle--;
            return idleId[newest];
        }
        // Pre-warming: the newest idle instances may still be unloaded; take the newest loaded one and
        // close the gap it leaves (the unloaded ones are few: they went idle within the pre-warm window).
        for (int k = idle - 1; k >= 0; k--) {
            int slot = (idleHead + k) & mask;
            if (t - idleSince[slot] >= prewarm) {
                int id = idleId[slot];
                idleNanos += t - idleSince[slot] - prewarm;
                for (int j = k; j < idle - 1; j++) {
                    int to = (idleHead + j) & mask;
                    int from = (to + 1) & mask;
                    idleId[to] = idleId[from];
                    idleSince[to] = idleSince[from];
                }
                idle--;
                return id;
            }
        }
        return -1;
    }

    private int newInstance(long t) {
        int id;
        if (free > 0) {
            id = freeIds[--free];
        } else {
            id = nextId++;
            if (id == born.length) {
                born = Arrays.copyOf(born, id * 2);
            }
        }
        born[id] = t;
        instancesStarted++;
        return id;
    }

    private void reclaim(int id, long at) {
        reclaimed++;
        lifeSpanNanos += at - born[id];
        if (free == freeIds.length) {
            freeIds = Arrays.copyOf(freeIds, free * 2);
        }
        freeIds[free++] = id;
    }

    private void pushIdle(int id, long since) {
        if (idle == idleId.length) {
            int[] ids = new int[idle * 2];
            long[] sinces = new long[idle * 2];
            for (int k = 0; k < idle; k++) {
                int slot = (idleHead + k) & (idle - 1);
                ids[k] = idleId[slot];
                sinces[k] = idleSince[slot];
            }
            idleId = ids;
            idleSince = sinces;
            idleHead = 0;
        }
        int slot = (idleHead + idle) & (idleId.length - 1);
        idleId[slot] = id;
        idleSince[slot] = since;
        idle++;
    }

    private void pushBusy(long until, int id) {
        if (busy == busyUntil.length) {
            busyUntil = Arrays.copyOf(busyUntil, busy * 2);
            busyId = Arrays.copyOf(busyId, busy * 2);
        }
        int i = busy++;
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            if (busyUntil[parent] <= until) {
                break;
            }
            busyUntil[i] = busyUntil[parent];
            busyId[i] = busyId[parent];
            i = parent;
        }
        busyUntil[i] = until;
        busyId[i] = id;
    }

    // The finish times are a 4-ary heap: half the depth of a binary one, and its four children share a cache
    // line, so taking the earliest (the hottest path: every request ends once) costs fewer misses.
    private void popBusy() {
        int last = --busy;
        long until = busyUntil[last];
        int id = busyId[last];
        int i = 0;
        while (true) {
            int first = (i << 2) + 1;
            if (first >= last) {
                break;
            }
            int child = first;
            long earliest = busyUntil[first];
            int end = Math.min(first + 4, last);
            for (int c = first + 1; c < end; c++) {
                if (busyUntil[c] < earliest) {
                    earliest = busyUntil[c];
                    child = c;
                }
            }
            if (earliest >= until) {
                break;
            }
            busyUntil[i] = earliest;
            busyId[i] = busyId[child];
            i = child;
        }
        busyUntil[i] = until;
        busyId[i] = id;
    }

    private void sample(long at) {
        finishUntil(at);
        expire(at);
        series.add(new SimResult.SeriesPoint(at / 1e9, requests - sampledArrivals, coldStarts - sampledColdStarts,
                rejections + throttles - sampledRefused, busy, loadedIdle(at) + provisioned - provisionedBusy));
        sampledArrivals = requests;
        sampledColdStarts = coldStarts;
        sampledRefused = rejections + throttles;
        nextSample += seriesStep;
    }

    /** Idle on-demand instances loaded at {@code t}: all of them, less those still waiting to be pre-warmed. */
    private int loadedIdle(long t) {
        long prewarm = keepAlive.prewarmNanos();
        int loaded = 0;
        for (int k = 0; k < idle; k++) {
            if (prewarm == 0 || t - idleSince[(idleHead + k) & (idleId.length - 1)] >= prewarm) {
                loaded++;
            }
        }
        return loaded;
    }

    private SimResult result() {
        expire(end);
        long prewarm = keepAlive.prewarmNanos();
        int mask = idleId.length - 1;
        for (int k = 0; k < idle; k++) {
            idleNanos += Math.max(0, end - idleSince[(idleHead + k) & mask] - prewarm);
        }
        double seconds = end / 1e9;
        double running = busyNanos / 1e9 / seconds;
        double idleAverage = (idleNanos + (double) provisioned * end - provisionedBusyNanos) / 1e9 / seconds;
        long refused = rejections + throttles;
        CostComparison cost = CostComparison.of(model.pricing(), served, onDemandMbMs, provisionedMbMs, provisioned,
                seconds);
        return new SimResult(requests, served, coldStarts, rejections, throttles,
                served == 0 ? 0 : (double) coldStarts / served, requests == 0 ? 0 : (double) refused / requests,
                running + idleAverage, running, idleAverage, instancesStarted, reclaimed,
                reclaimed == 0 ? 0 : lifeSpanNanos / 1e9 / reclaimed,
                new SimResult.ResponseTime(responseTimes.meanSeconds(), responseTimes.quantileSeconds(0.5),
                        responseTimes.quantileSeconds(0.99)),
                CostComparison.gbSeconds(onDemandMbMs + provisionedMbMs), cost, List.copyOf(series));
    }
}
