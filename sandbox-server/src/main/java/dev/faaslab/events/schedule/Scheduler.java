package dev.faaslab.events.schedule;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.core.Identity;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.platform.NotFoundException;
import dev.faaslab.platform.Platform;
import dev.faaslab.platform.QuotaExceededException;
import dev.faaslab.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires schedules on the one {@link Clock}: a background thread sleeps until the next one is due and
 * invokes its function asynchronously with EventBridge's Scheduled Event. Tests step a
 * {@code ManualClock} and call {@link #runDue()}, which does the same work at once.
 *
 * <p>Missed times are not made up: a schedule that was due several times while the server was stopped
 * (or the machine asleep) fires once when it can, for the latest of those times, and then keeps its
 * cadence. EventBridge does not catch up either.
 */
public final class Scheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    private static final ObjectMapper JSON = dev.faaslab.core.Json.MAPPER;
    /** The longest the thread sleeps without looking again. */
    private static final long MAX_SLEEP_MILLIS = 60_000;

    private record Key(WorkspaceId workspace, String name) {
    }

    /** A schedule with its parsed expression and when it fires next (null: disabled, or never again). */
    private record Entry(Schedule schedule, ScheduleExpression expression, Instant next) {
    }

    private final Clock clock;
    private final ScheduleStore store;
    private final Platform platform;
    private final Map<Key, Entry> entries = new HashMap<>();
    private final Thread thread;
    private boolean sleeping;
    private boolean changed;
    private long fired;
    private volatile boolean closed;

    public Scheduler(Clock clock, ScheduleStore store, Platform platform) {
        this.clock = clock;
        this.store = store;
        this.platform = platform;
        for (Map.Entry<WorkspaceId, List<Schedule>> workspace : store.all().entrySet()) {
            for (Schedule schedule : workspace.getValue()) {
                ScheduleExpression expression = ScheduleExpression.parse(schedule.expression());
                Instant from = schedule.lastFiredAt() != null ? schedule.lastFiredAt() : schedule.startedAt();
                // A time missed while the server was down comes out as due now: it fires once.
                entries.put(new Key(workspace.getKey(), schedule.name()),
                        new Entry(schedule, expression, nextFire(schedule, expression, from)));
            }
        }
        this.thread = Thread.ofPlatform().name("faaslab-scheduler").daemon(true).unstarted(this::loop);
        thread.start();
    }

    // ---- the schedules ----

    /** Creates or replaces a schedule; returns it as stored. */
    public Schedule put(WorkspaceId workspace, Schedule schedule) {
        ScheduleExpression expression = ScheduleExpression.parse(schedule.expression());
        synchronized (this) {
            store.save(workspace, schedule);
            entries.put(new Key(workspace, schedule.name()), new Entry(schedule, expression, nextFire(schedule, expression, now())));
        }
        wake();
        return schedule;
    }

    public synchronized Optional<Schedule> find(WorkspaceId workspace, String name) {
        Entry entry = entries.get(new Key(workspace, name));
        return entry == null ? Optional.empty() : Optional.of(entry.schedule());
    }

    public synchronized List<Schedule> list(WorkspaceId workspace) {
        List<Schedule> schedules = new ArrayList<>();
        entries.forEach((key, entry) -> {
            if (key.workspace().equals(workspace)) {
                schedules.add(entry.schedule());
            }
        });
        schedules.sort(Comparator.comparing(Schedule::name));
        return schedules;
    }

    public synchronized boolean delete(WorkspaceId workspace, String name) {
        boolean stored = store.delete(workspace, name);
        return entries.remove(new Key(workspace, name)) != null || stored;
    }

    /** The next {@code count} times the schedule would fire (as if enabled), from now. */
    public List<Instant> preview(Schedule schedule, int count) {
        ScheduleExpression expression = ScheduleExpression.parse(schedule.expression());
        List<Instant> times = new ArrayList<>();
        Instant after = now();
        while (times.size() < count) {
            Optional<Instant> next = expression.next(schedule.startedAt(), after);
            if (next.isEmpty()) {
                break;
            }
            times.add(next.get());
            after = next.get();
        }
        return times;
    }

    /** How many times schedules have fired since the scheduler started. */
    public synchronized long firedCount() {
        return fired;
    }

    /** When the schedule fires next, if it will. */
    public synchronized Optional<Instant> nextFire(WorkspaceId workspace, String name) {
        Entry entry = entries.get(new Key(workspace, name));
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.next());
    }

    // ---- firing ----

    /** Fires every schedule that is due now (each at most once); returns how many fired. */
    public synchronized int runDue() {
        Instant now = now();
        int firedNow = 0;
        for (Map.Entry<Key, Entry> item : List.copyOf(entries.entrySet())) {
            Entry entry = item.getValue();
            if (entry.next() == null || entry.next().isAfter(now)) {
                continue;
            }
            Key key = item.getKey();
            Instant scheduled = latestDue(entry, now);
            fire(key.workspace(), entry.schedule(), scheduled);
            firedNow++;
            fired++;
            Schedule updated = entry.schedule().firedAt(scheduled);
            try {
                store.fired(key.workspace(), updated.name(), scheduled);
            } catch (RuntimeException e) {
                LOG.warn("could not record that schedule {} of {} fired", updated.name(), key.workspace(), e);
            }
            // From now, not from the time fired for: missed times are skipped, not made up.
            entries.put(key, new Entry(updated, entry.expression(), nextFire(updated, entry.expression(), now)));
        }
        return firedNow;
    }

    /** The latest of the times due by now (the one a catch-up fires for). */
    private static Instant latestDue(Entry entry, Instant now) {
        Instant due = entry.next();
        for (int i = 0; i < 10_000; i++) {
            Optional<Instant> later = entry.expression().next(entry.schedule().startedAt(), due);
            if (later.isEmpty() || later.get().isAfter(now)) {
                break;
            }
            due = later.get();
        }
        return due;
    }

    private void fire(WorkspaceId workspace, Schedule schedule, Instant scheduled) {
        String event = schedule.input() != null ? schedule.input() : scheduledEvent(workspace.identity(), schedule, scheduled);
        try {
            platform.invokeAsync(workspace, schedule.function(), schedule.qualifier(), event);
        } catch (NotFoundException e) {
            LOG.info("schedule {} of {} fired, but its target is gone: {}", schedule.name(), workspace, e.getMessage());
        } catch (QuotaExceededException e) {
            LOG.info("schedule {} of {} fired, but {} refused the event: {}", schedule.name(), workspace,
                    schedule.function(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("schedule {} of {} could not invoke {}", schedule.name(), workspace, schedule.function(), e);
        }
    }

    /** EventBridge's Scheduled Event, as a Lambda target receives it. */
    static String scheduledEvent(Identity identity, Schedule schedule, Instant scheduled) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", identity.accountId());
        event.put("time", scheduled.truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", identity.region());
        event.putArray("resources").add(identity.ruleArn(schedule.name()));
        event.putObject("detail");
        return event.toString();
    }

    private static Instant nextFire(Schedule schedule, ScheduleExpression expression, Instant after) {
        return schedule.enabled() ? expression.next(schedule.startedAt(), after).orElse(null) : null;
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.epochMillis());
    }

    // ---- the thread ----

    private void loop() {
        while (!closed) {
            long waitMillis;
            try {
                runDue();
                waitMillis = millisUntilNext();
            } catch (RuntimeException e) {
                LOG.warn("the scheduler's round failed; it goes on", e);
                waitMillis = 1000;
            }
            synchronized (this) {
                if (closed) {
                    return;
                }
                if (changed) {
                    changed = false;
                    continue; // a schedule changed since the wait was worked out
                }
                sleeping = true;
            }
            try {
                clock.sleepUntil(clock.nanoTime() + waitMillis * 1_000_000);
            } catch (InterruptedException e) {
                // woken: a schedule changed, or the scheduler is closing
            } finally {
                synchronized (this) {
                    sleeping = false;
                    Thread.interrupted(); // an interrupt is only ever a wake-up, never left for the work above
                }
            }
        }
    }

    private synchronized long millisUntilNext() {
        long now = clock.epochMillis();
        long wait = MAX_SLEEP_MILLIS;
        for (Entry entry : entries.values()) {
            if (entry.next() != null) {
                wait = Math.min(wait, Math.max(0, entry.next().toEpochMilli() - now));
            }
        }
        return wait;
    }

    /** Interrupts the thread only while it sleeps, so an interrupt never lands in a database write. */
    private synchronized void wake() {
        changed = true;
        if (sleeping) {
            thread.interrupt();
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        wake();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
