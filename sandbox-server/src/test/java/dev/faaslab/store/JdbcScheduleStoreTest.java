package dev.faaslab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faaslab.core.WorkspaceId;
import dev.faaslab.events.schedule.Schedule;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("The schedule store")
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class JdbcScheduleStoreTest {

    /** The store contract suite: each test runs on H2 and on PostgreSQL. */
    @Parameter
    TestDatabase engine;

    private static final WorkspaceId ANA = new WorkspaceId("ana");
    private static final WorkspaceId BEN = new WorkspaceId("ben");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");
    private static final Instant T1 = Instant.parse("2026-03-01T10:05:00Z");

    @TempDir
    Path temp;

    private Database database;
    private JdbcScheduleStore store;

    @BeforeEach
    void open() {
        database = engine.open(temp.resolve("data"));
        store = new JdbcScheduleStore(database.dataSource());
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static Schedule schedule(String name, boolean enabled, String input, Instant lastFiredAt) {
        return new Schedule(name, "rate(5 minutes)", "recorder", null, enabled, input, T0, T0, T0, lastFiredAt);
    }

    @Test
    @DisplayName("keeps schedules by workspace and name (upper case before lower, as H2 sorts), enabled or not, across a reopening")
    void keepsSchedules() {
        Schedule tick = schedule("tick", true, null, null);
        Schedule upper = schedule("Zed", false, "{\"a\":1}", T1);
        Schedule other = schedule("tick", true, "[]", null);
        store.save(ANA, tick);
        store.save(ANA, upper);
        store.save(BEN, other);
        database.close();
        database = engine.open(temp.resolve("data"));
        store = new JdbcScheduleStore(database.dataSource());
        assertEquals(Map.of(ANA, List.of(upper, tick), BEN, List.of(other)), store.all());
        assertEquals(List.of(ANA, BEN), List.copyOf(store.all().keySet()));
    }

    @Test
    @DisplayName("replaces a schedule saved again, notes when it fired, and deletes it")
    void replacesFiresAndDeletes() {
        store.save(ANA, schedule("tick", true, null, null));
        Schedule changed = schedule("tick", false, "{}", null);
        store.save(ANA, changed);
        store.fired(ANA, "tick", T1);
        assertEquals(List.of(schedule("tick", false, "{}", T1)), store.all().get(ANA));
        assertTrue(store.delete(ANA, "tick"));
        assertFalse(store.delete(ANA, "tick"));
        assertEquals(Map.of(), store.all());
    }
}
