package dev.faaslab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.faaslab.core.WorkspaceId;
import dev.faaslab.platform.EventLog;
import dev.faaslab.platform.PendingEvent;
import dev.faaslab.runtime.sdk.Lineage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.Parameter;

@DisplayName("The event log")
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class JdbcEventLogTest {

    /** The store contract suite: each test runs on H2 and on PostgreSQL. */
    @Parameter
    TestDatabase engine;

    private static final WorkspaceId ANA = new WorkspaceId("ana");
    private static final WorkspaceId BEN = new WorkspaceId("ben");
    private static final Instant T1 = Instant.parse("2026-03-01T10:00:00.000001Z");
    private static final Instant T2 = Instant.parse("2026-03-01T10:00:00.000002Z");

    @TempDir
    Path temp;

    private Database database;
    private JdbcEventLog log;

    @BeforeEach
    void open() {
        database = engine.open(temp.resolve("data"));
        log = new JdbcEventLog(database.dataSource());
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static PendingEvent event(String id, WorkspaceId workspace, Instant receivedAt) {
        return new PendingEvent(id, workspace, "hello", "$LATEST", "{\"id\":\"" + id + "\"}", receivedAt);
    }

    @Nested
    @DisplayName("when events are appended")
    class Appending {

        @Test
        @DisplayName("lists them oldest first, then in the order appended, across workspaces")
        void oldestFirst() {
            PendingEvent late = event("late", ANA, T2);
            PendingEvent firstOfTwins = event("twin-1", BEN, T1);
            PendingEvent secondOfTwins = event("twin-2", ANA, T1);
            PendingEvent versioned = new PendingEvent("v", BEN, "other", "3", "[]", T2);
            log.append(late);
            log.append(firstOfTwins);
            log.append(secondOfTwins);
            log.append(versioned);
            assertEquals(List.of(firstOfTwins, secondOfTwins, late, versioned), log.pending());
        }

        @Test
        @DisplayName("keeps the chain of invocations that caused each, across a reopening, so a restart resets no loop")
        void keepsTheLineage() {
            Lineage chain = Lineage.NONE.invoked("resize").invoked("resize").invoked("index");
            PendingEvent caused = new PendingEvent("caused", ANA, "resize", "$LATEST", "{}", T1, chain);
            log.append(caused);
            log.reschedule(caused.retry(1, T2, "{\"errorMessage\":\"boom\"}"));
            database.close();
            database = engine.open(temp.resolve("data"));
            log = new JdbcEventLog(database.dataSource());
            PendingEvent read = log.pending().getFirst();
            assertEquals(chain, read.lineage());
            assertEquals(2, read.lineage().count("resize"));
            assertEquals(Lineage.NONE, event("plain", ANA, T1).lineage());
        }

        @Test
        @DisplayName("refuses a request id that is already pending")
        void refusesADuplicate() {
            log.append(event("r1", ANA, T1));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> log.append(event("r1", BEN, T2)));
            assertEquals("the event r1 is already pending", e.getMessage());
            assertEquals(List.of(event("r1", ANA, T1)), log.pending());
        }

        @Test
        @DisplayName("is empty before any")
        void emptyAtFirst() {
            assertEquals(List.of(), log.pending());
        }
    }

    @Nested
    @DisplayName("when events are removed")
    class Removing {

        @Test
        @DisplayName("forgets exactly those, and ignores one that is not pending")
        void forgetsThem() {
            log.append(event("r1", ANA, T1));
            log.append(event("r2", ANA, T1));
            log.append(event("r3", BEN, T2));
            log.remove("r2");
            log.remove("r2");
            log.remove("never");
            assertEquals(List.of(event("r1", ANA, T1), event("r3", BEN, T2)), log.pending());
        }
    }

    @Nested
    @DisplayName("when the platform asks for due events")
    class Due {

        @Test
        @DisplayName("gives those due by then, soonest first and then as appended, up to the limit, leaving out the excepted")
        void soonestFirst() {
            Instant minuteLater = Instant.parse("2026-03-01T10:01:00Z");
            PendingEvent later = event("later", ANA, T1).retry(1, minuteLater, "{}");
            PendingEvent first = event("first", BEN, T2);
            PendingEvent second = event("second", ANA, T2);
            PendingEvent third = event("third", ANA, T2);
            PendingEvent retried = event("retried", ANA, T1).retry(1, Instant.parse("2026-03-01T09:59:59.999Z"),
                    "{\"errorType\":\"Error\"}");
            for (PendingEvent event : List.of(later, first, second, third, retried)) {
                log.append(event);
            }
            Instant now = Instant.parse("2026-03-01T10:00:00.001Z");
            assertEquals(List.of(retried, first, second, third), log.due(now, 10, Set.of()));
            assertEquals(List.of(retried, first), log.due(now, 2, Set.of()));
            assertEquals(List.of(second, third), log.due(now, 2, Set.of("retried", "first")),
                    "the limit counts what it gives, not what it leaves out");
            assertEquals(List.of(), log.due(Instant.parse("2026-03-01T09:59:59.998Z"), 10, Set.of()),
                    "nothing is due before its time");
            assertEquals(List.of(retried, first, second, third, later), log.due(minuteLater, 10, Set.of()));
        }

        @Test
        @DisplayName("counts each workspace's events and their bytes in UTF-8")
        void countsBacklogs() {
            log.append(new PendingEvent("a1", ANA, "hello", "$LATEST", "\"€\"", T1));
            log.append(new PendingEvent("a2", ANA, "other", "$LATEST", "[1,2]", T1));
            log.append(new PendingEvent("b1", BEN, "hello", "$LATEST", "{}", T1));
            assertEquals(Map.of(ANA, new EventLog.Backlog(2, 5 + 5), BEN, new EventLog.Backlog(1, 2)), log.backlogs());
            log.remove("b1");
            assertEquals(Map.of(ANA, new EventLog.Backlog(2, 10)), log.backlogs());
        }
    }
}
