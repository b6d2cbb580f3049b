package dev.faaslab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.events.stream.Checkpoint;
import dev.faaslab.events.stream.StreamChange;
import dev.faaslab.events.stream.StreamMapping;
import dev.faaslab.events.stream.StreamRecord;
import dev.faaslab.events.stream.StreamStore.Positioned;
import dev.faaslab.events.stream.StreamViewType;
import dev.faaslab.events.stream.TableStreams;
import dev.faaslab.state.table.KeyType;
import dev.faaslab.state.table.TableLimits;
import dev.faaslab.state.table.Tables;
import dev.faaslab.time.ManualClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("The stream store")
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class JdbcStreamStoreTest {

    /** The store contract suite: each test runs on H2 and on PostgreSQL. */
    @Parameter
    TestDatabase engine;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final WorkspaceId ANA = new WorkspaceId("ana");
    private static final Instant CREATED = Instant.parse("2026-03-01T10:00:00.123456Z");

    @TempDir
    Path temp;

    private final ManualClock clock = new ManualClock(1_795_000_000_000L);
    private Database database;
    private Tables tables;
    private JdbcStreamStore store;
    private TableStreams streams;

    @BeforeEach
    void open() {
        database = engine.open(temp.resolve("data"));
        tables = new Tables(new JdbcTableStore(database.dataSource()), clock, TableLimits.DEFAULT);
        store = new JdbcStreamStore(database.dataSource());
        streams = new TableStreams(store, tables, clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private void reopen() {
        close();
        open();
    }

    private void put(String item) throws Exception {
        tables.put(ANA, "orders", JSON.readTree(item), Tables.Condition.NONE);
    }

    @Test
    @DisplayName("numbers a table's changes in order, and goes on numbering after a reopening")
    void numbersChanges() throws Exception {
        tables.create(ANA, "orders", "id", KeyType.STRING, null, null);
        put("{\"id\":\"a\",\"n\":1}");
        streams.enable(ANA, "orders", StreamViewType.NEW_AND_OLD_IMAGES);
        put("{\"id\":\"a\",\"n\":2}");
        put("{\"id\":\"b\"}");
        reopen();
        JsonNode key = JSON.readTree("{\"id\":\"a\"}");
        assertTrue(tables.delete(ANA, "orders", key, null));
        List<StreamRecord> records = streams.records(ANA, "orders", 0, 10);
        assertEquals(List.of(1L, 2L, 3L), records.stream().map(StreamRecord::sequence).toList());
        assertEquals(List.of(StreamChange.EventName.MODIFY, StreamChange.EventName.INSERT, StreamChange.EventName.REMOVE),
                records.stream().map(record -> record.change().eventName()).toList());
        assertEquals(JSON.readTree("{\"id\":\"a\",\"n\":1}"), JSON.readTree(records.getFirst().change().oldImage()));
        assertEquals(List.of(3L), streams.records(ANA, "orders", 2, 10).stream().map(StreamRecord::sequence).toList());
        assertEquals(3, streams.stream(ANA, "orders").lastSequence());
    }

    @Test
    @DisplayName("keeps a mapping's settings and checkpoint, and lists the enabled ones")
    void keepsMappings() {
        tables.create(ANA, "orders", "id", KeyType.STRING, null, null);
        StreamMapping on = new StreamMapping("11111111-1111-1111-1111-111111111111", "orders", "indexer", null, 10,
                StreamMapping.StartingPosition.TRIM_HORIZON, -1, true, null, false, true, CREATED);
        StreamMapping off = new StreamMapping("22222222-2222-2222-2222-222222222222", "orders", "audit", "2", 100,
                StreamMapping.StartingPosition.LATEST, 3, false, "failures", true, false, CREATED);
        store.createMapping(ANA, on, new Checkpoint(0, 0, 0));
        store.createMapping(ANA, off, new Checkpoint(7, 0, 0));
        store.checkpoint(ANA, on.uuid(), new Checkpoint(5, 2, 4));
        reopen();
        assertEquals(Optional.of(new Positioned(ANA, on, new Checkpoint(5, 2, 4))), store.mapping(ANA, on.uuid()));
        assertEquals(Optional.of(new Positioned(ANA, off, new Checkpoint(7, 0, 0))), store.mapping(ANA, off.uuid()));
        assertEquals(List.of(on.uuid()), store.enabledMappings().stream().map(p -> p.mapping().uuid()).toList());
        assertTrue(store.deleteMapping(ANA, on.uuid()));
        assertFalse(store.deleteMapping(ANA, on.uuid()));
        assertEquals(List.of(off.uuid()), store.mappings(ANA).stream().map(p -> p.mapping().uuid()).toList());
    }
}
