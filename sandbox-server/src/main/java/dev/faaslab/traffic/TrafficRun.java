package dev.faaslab.traffic;

import dev.faaslab.stream.TrafficStatus;
import dev.faaslab.time.Clock;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One traffic run: a scheduler thread that sends the plan's requests as the {@link Clock} moves, each
 * request on a virtual thread of its own, and the counts of how they ended. It reports its status once
 * a second while it lasts and once when it ends, when the last request in flight has its answer.
 */
final class TrafficRun {

    /**
     * Requests waiting for answers at once, at most: a slow function cannot make the run pile up threads
     * without bound. A send beyond it is skipped, and counted.
     */
    static final int MAX_IN_FLIGHT = 200;
    /** How often the scheduler wakes to send what is due: at the top rate, four requests a tick. */
    static final long TICK_NANOS = 20_000_000L;
    static final long REPORT_NANOS = 1_000_000_000L;
    /** Sends due by a time are the rate's integral rounded down; this absorbs floating-point error at whole counts. */
    private static final double ROUNDING = 1e-6;

    private static final Logger LOG = LoggerFactory.getLogger(TrafficRun.class);

    private final String id;
    private final TrafficPlan plan;
    private final Clock clock;
    private final HttpClient client;
    private final HttpRequest request;
    private final Consumer<TrafficStatus> reports;
    private final long startNanos;
    private final long startedAtMillis;
    private final Semaphore slots = new Semaphore(MAX_IN_FLIGHT);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final Latencies latencies = new Latencies();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Thread scheduler;
    private long issued; // sends attempted, sent or skipped: the scheduler's own
    private volatile String state = "running";
    private volatile boolean sending = true;
    private volatile long stoppedNanos = -1;
    private volatile boolean closing;

    TrafficRun(String id, TrafficPlan plan, Clock clock, HttpClient client, HttpRequest request,
               Consumer<TrafficStatus> reports) {
        this.id = id;
        this.plan = plan;
        this.clock = clock;
        this.client = client;
        this.request = request;
        this.reports = reports;
        this.startNanos = clock.nanoTime();
        this.startedAtMillis = clock.epochMillis();
        this.scheduler = Thread.ofVirtual().name("faaslab-traffic-" + id).unstarted(this::drive);
    }

    void start() {
        scheduler.start();
    }

    boolean running() {
        return state.equals("running");
    }

    /** Sends nothing more; requests in flight still end and are counted. */
    void stop() {
        synchronized (this) {
            if (!running()) {
                return;
            }
            stoppedNanos = clock.nanoTime();
            state = "stopped";
        }
        scheduler.interrupt(); // wakes it at once, however the clock moves
    }

    /** As {@link #stop}, and ends the scheduler: the server is stopping. */
    void close() {
        closing = true;
        stop();
        scheduler.interrupt();
    }

    private void drive() {
        long lastReport = startNanos;
        if (!LiveRate.hasRate(plan.pattern())) {
            for (int i = 0; i < plan.burst() && running(); i++) {
                send();
            }
            sendingEnded();
        }
        long endNanos = LiveRate.hasRate(plan.pattern()) ? startNanos + plan.durationSeconds() * 1_000_000_000L : startNanos;
        while (!ended.get() && !closing) {
            long now = clock.nanoTime();
            if (sending) {
                long due = (long) Math.floor(LiveRate.sentBy(plan.pattern(), (now - startNanos) / 1e9, plan.durationSeconds(),
                        plan.rps()) + ROUNDING);
                while (issued < due && running()) {
                    send();
                }
                if (!running() || now >= endNanos) {
                    sendingEnded();
                }
            }
            if (now - lastReport >= REPORT_NANOS && !ended.get()) {
                reports.accept(status());
                lastReport = now;
            }
            try {
                clock.sleepUntil(sending ? Math.min(now + TICK_NANOS, endNanos) : now + TICK_NANOS);
            } catch (InterruptedException e) {
                // stop() or close(): the loop's conditions say which
            }
        }
    }

    private void send() {
        issued++;
        if (!slots.tryAcquire()) {
            skipped.incrementAndGet();
            return;
        }
        sent.incrementAndGet();
        inFlight.incrementAndGet();
        Thread.ofVirtual().name("faaslab-traffic-" + id + "-request").start(this::exchange);
    }

    private void exchange() {
        long began = clock.nanoTime();
        try {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            latencies.add(clock.nanoTime() - began);
            (status >= 200 && status < 300 ? ok : status == 429 ? throttled : errors).incrementAndGet();
        } catch (IOException e) {
            errors.incrementAndGet(); // the server went away, or is stopping
        } catch (InterruptedException e) {
            errors.incrementAndGet();
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            errors.incrementAndGet();
            LOG.warn("a traffic request of run {} failed", id, e);
        } finally {
            completed.incrementAndGet();
            slots.release();
            if (inFlight.decrementAndGet() == 0 && !sending) {
                end();
            }
        }
    }

    /** The scheduler sends no more; the run ends now, or when its last request in flight does. */
    private void sendingEnded() {
        sending = false;
        if (inFlight.get() == 0) {
            end();
        }
    }

    private void end() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        synchronized (this) {
            if (running()) {
                stoppedNanos = clock.nanoTime();
                state = "finished";
            }
        }
        reports.accept(status());
    }

    TrafficStatus status() {
        long until = stoppedNanos >= 0 ? stoppedNanos : clock.nanoTime();
        return new TrafficStatus(id, plan.function(), plan.pattern().label(), plan.rps(), plan.burst(),
                plan.durationSeconds(), state, Instant.ofEpochMilli(startedAtMillis).toString(),
                Math.max(0, until - startNanos) / 1_000_000 / 1000.0, sent.get(), completed.get(), ok.get(),
                throttled.get(), errors.get(), skipped.get(), latencies.percentileMs(50), latencies.percentileMs(99));
    }
}
