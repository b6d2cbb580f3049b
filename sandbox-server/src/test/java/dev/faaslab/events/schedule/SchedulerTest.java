package dev.faaslab.events.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faaslab.SharedTestRuntime;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.logs.LogEntry;
import dev.faaslab.platform.FunctionSpec;
import dev.faaslab.platform.PlatformLimits;
import dev.faaslab.runtime.Language;
import dev.faaslab.store.JdbcEventLog;
import dev.faaslab.time.ManualClock;
import dev.faaslab.wiring.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Time is a ManualClock: each test steps it and counts what fired, so a slow machine changes nothing. */
@DisplayName("The scheduler")
class SchedulerTest {

    static final WorkspaceId WS = WorkspaceId.LOCAL;
    static final Instant START = Instant.parse("2026-11-23T10:05:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;
    ManualClock clock = new ManualClock(START.toEpochMilli());
    Sandbox sandbox;

    Sandbox open() {
        sandbox = Sandbox.open(data, clock, SharedTestRuntime.get(), PlatformLimits.DEFAULT);
        return sandbox;
    }

    @AfterEach
    void close() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    /** A function that logs each event it receives as one line of JSON. */
    void deployRecorder() {
        sandbox.platform().save(WS, FunctionSpec.of("recorder", Language.NODEJS, "index.handler",
                "export const handler = async (event) => { console.log('EVENT ' + JSON.stringify(event)); };"), null);
    }

    Schedule schedule(String name, String expression, boolean enabled, String input) {
        Instant now = Instant.ofEpochMilli(clock.epochMillis());
        return sandbox.scheduler().put(WS, new Schedule(name, expression, "recorder", null, enabled, input, now, now, now, null));
    }

    /** Steps the clock, then does what the scheduler's thread would (it may have done it already). */
    long advance(Duration by) {
        clock.advance(by);
        sandbox.scheduler().runDue();
        return sandbox.scheduler().firedCount();
    }

    /** The events the recorder received, once {@code count} have arrived (asynchronous invocations run soon after). */
    List<JsonNode> events(int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            List<JsonNode> events = sandbox.platform().logTail(WS, "recorder", 1000).stream().map(LogEntry::text)
                    .filter(text -> text.contains("\tEVENT ")).map(SchedulerTest::parse).toList();
            if (events.size() >= count || System.nanoTime() > deadline) {
                assertEquals(count, events.size(), "events received");
                return events;
            }
            Thread.sleep(20);
        }
    }

    static JsonNode parse(String line) {
        try {
            return JSON.readTree(line.substring(line.indexOf("\tEVENT ") + 7));
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }

    @Nested
    @DisplayName("with rate(1 minute)")
    class EveryMinute {

        @Test
        @DisplayName("fires once a minute from its creation, with EventBridge's Scheduled Event")
        void firesEveryMinute() throws Exception {
            open();
            deployRecorder();
            schedule("tick", "rate(1 minute)", true, null);

            assertEquals(0, advance(Duration.ofSeconds(59)), "not before the first minute is up");
            assertEquals(1, advance(Duration.ofSeconds(1)));
            assertEquals(1, advance(Duration.ofSeconds(30)));
            assertEquals(2, advance(Duration.ofSeconds(30)));

            List<JsonNode> events = events(2);
            JsonNode event = events.getFirst();
            assertEquals("Scheduled Event", event.get("detail-type").asText());
            assertEquals("aws.events", event.get("source").asText());
            assertEquals("0", event.get("version").asText());
            assertEquals("000000000000", event.get("account").asText());
            assertEquals("us-east-1", event.get("region").asText());
            assertEquals("arn:aws:events:us-east-1:000000000000:rule/tick", event.get("resources").get(0).asText());
            assertEquals(JSON.createObjectNode(), event.get("detail"));
            assertTrue(event.get("id").asText().matches("[0-9a-f-]{36}"), event.toString());
            List<String> times = events.stream().map(e -> e.get("time").asText()).sorted().toList();
            assertEquals(List.of("2026-11-23T10:06:00Z", "2026-11-23T10:07:00Z"), times);
            assertEquals(List.of("version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"),
                    iterable(event), "the fields in EventBridge's order");
        }

        @Test
        @DisplayName("fires once, not ten times, after ten minutes without a chance to fire")
        void noBacklog() throws Exception {
            open();
            deployRecorder();
            schedule("tick", "rate(1 minute)", true, null);

            assertEquals(1, advance(Duration.ofMinutes(10)));
            assertEquals(2, advance(Duration.ofMinutes(1)), "and then keeps its cadence");
            List<String> times = events(2).stream().map(e -> e.get("time").asText()).sorted().toList();
            assertEquals(List.of("2026-11-23T10:15:00Z", "2026-11-23T10:16:00Z"), times,
                    "the catch-up is for the latest missed time");
        }

        @Test
        @DisplayName("sends its constant input instead of the event, and does not fire while disabled")
        void inputAndDisabled() throws Exception {
            open();
            deployRecorder();
            schedule("report", "rate(1 minute)", true, "{\"report\":\"daily\"}");
            schedule("off", "rate(1 minute)", false, null);

            assertEquals(1, advance(Duration.ofMinutes(1)), "only the enabled one fires");
            assertEquals(JSON.readTree("{\"report\":\"daily\"}"), events(1).getFirst());
        }
    }

    @Test
    @DisplayName("fires cron(0/15 * * * ? *) at each quarter hour, UTC")
    void cronQuarterHours() throws Exception {
        open();
        deployRecorder();
        schedule("quarters", "cron(0/15 * * * ? *)", true, null);

        assertEquals(0, advance(Duration.ofMinutes(9)), "10:14");
        assertEquals(1, advance(Duration.ofMinutes(1)), "10:15");
        assertEquals(1, advance(Duration.ofMinutes(14)), "10:29");
        assertEquals(2, advance(Duration.ofMinutes(1)), "10:30");
        List<String> times = events(2).stream().map(e -> e.get("time").asText()).sorted().toList();
        assertEquals(List.of("2026-11-23T10:15:00Z", "2026-11-23T10:30:00Z"), times);
    }

    @Test
    @DisplayName("keeps schedules across a restart, and fires a time missed while stopped once, not as a backlog")
    void restart() throws Exception {
        open();
        deployRecorder();
        schedule("tick", "rate(1 minute)", true, null);
        assertEquals(1, advance(Duration.ofMinutes(1)));
        events(1);
        JdbcEventLog pending = new JdbcEventLog(sandbox.database().dataSource());
        for (long deadline = System.nanoTime() + 60_000_000_000L; !pending.pending().isEmpty() && System.nanoTime() < deadline; ) {
            Thread.sleep(20); // the invocation ran; wait until it is also off the durable queue, or it would run again
        }
        sandbox.close();
        sandbox = null;

        clock.advance(Duration.ofMinutes(30)); // the server was stopped for half an hour
        open();
        assertEquals(List.of("tick"), sandbox.scheduler().list(WS).stream().map(Schedule::name).toList());
        sandbox.scheduler().runDue();
        assertEquals(1, sandbox.scheduler().firedCount(), "one catch-up for thirty missed minutes");
        assertEquals(Instant.parse("2026-11-23T10:36:00Z"), sandbox.scheduler().list(WS).getFirst().lastFiredAt(),
                "for the latest of them");
        assertEquals(2, advance(Duration.ofMinutes(1)), "then once a minute again");
        List<String> times = events(2).stream().map(e -> e.get("time").asText()).sorted().toList();
        assertEquals(List.of("2026-11-23T10:36:00Z", "2026-11-23T10:37:00Z"), times);
    }

    @Test
    @DisplayName("starts without a stored schedule it no longer accepts, keeps the others, and lets it be put again")
    void startsPastAStaleSchedule() throws Exception {
        open();
        deployRecorder();
        schedule("tick", "rate(1 minute)", true, null);
        schedule("stale", "cron(0 12 15 * ? *)", true, null);
        // As an earlier version stored it: W in a list, which cron-utils took and EventBridge refuses.
        try (var connection = sandbox.database().dataSource().getConnection();
             var update = connection.prepareStatement("UPDATE schedules SET expression = ? WHERE name = 'stale'")) {
            update.setString(1, "cron(0 12 1W,15W * ? *)");
            assertEquals(1, update.executeUpdate());
        }
        assertThrows(IllegalArgumentException.class, () -> ScheduleExpression.parse("cron(0 12 1W,15W * ? *)"),
                "refused today");
        sandbox.close();
        sandbox = null;

        open();
        assertEquals(List.of("tick"), sandbox.scheduler().list(WS).stream().map(Schedule::name).toList());
        schedule("stale", "cron(0 12 L * ? *)", true, null);
        assertEquals(List.of("stale", "tick"), sandbox.scheduler().list(WS).stream().map(Schedule::name).sorted().toList());
    }

    static List<String> iterable(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
