package dev.faaslab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faaslab.core.WorkspaceId;
import dev.faaslab.events.queue.EventSourceMapping;
import dev.faaslab.events.queue.QueueAttributes;
import dev.faaslab.events.queue.QueueCounts;
import dev.faaslab.events.queue.QueueService;
import dev.faaslab.events.queue.QueueStore;
import dev.faaslab.events.queue.ReceivedMessage;
import dev.faaslab.time.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
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

@DisplayName("The queue store")
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class JdbcQueueStoreTest {

    /** The store contract suite: each test runs on H2 and on PostgreSQL. */
    @Parameter
    TestDatabase engine;

    private static final WorkspaceId ANA = new WorkspaceId("ana");
    private static final Instant CREATED = Instant.parse("2026-03-01T10:00:00.123456Z");

    @TempDir
    Path temp;

    private final ManualClock clock = new ManualClock(1_795_000_000_000L);
    private Database database;
    private JdbcQueueStore store;
    private QueueService queues;

    @BeforeEach
    void open() {
        database = engine.open(temp.resolve("data"));
        store = new JdbcQueueStore(database.dataSource());
        queues = new QueueService(store, clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    @DisplayName("hands messages out in the order sent, hides them while in flight, and moves them to the"
            + " dead-letter queue after their last receive, across a reopening")
    void redrives() {
        queues.put(ANA, "failed", QueueAttributes.DEFAULT);
        queues.put(ANA, "orders", new QueueAttributes(30, QueueAttributes.DEFAULT.messageRetentionSeconds(), 0,
                new QueueAttributes.RedrivePolicy("failed", 1)));
        for (String body : List.of("one", "two", "three")) {
            queues.send(ANA, "orders", body, null);
            clock.advance(Duration.ofMillis(1));
        }
        List<ReceivedMessage> first = queues.receive(ANA, "orders", 2, null);
        assertEquals(List.of("one", "two"), first.stream().map(ReceivedMessage::body).toList());
        queues.deleteMessage(ANA, "orders", first.getFirst().receiptHandle());
        assertEquals(new QueueCounts(1, 1, 0), queues.counts(ANA, queues.queue(ANA, "orders")));
        close();
        open();
        clock.advance(Duration.ofSeconds(31));
        assertEquals(List.of("three"), queues.receive(ANA, "orders", 10, null).stream().map(ReceivedMessage::body).toList(),
                "'two' was received once, its redrive policy's limit, so it went to the dead-letter queue instead");
        assertEquals(List.of("two"), queues.receive(ANA, "failed", 10, null).stream().map(ReceivedMessage::body).toList());
    }

    @Test
    @DisplayName("keeps a trigger's settings, and lists the enabled ones")
    void keepsMappings() {
        queues.put(ANA, "orders", QueueAttributes.DEFAULT);
        EventSourceMapping on = new EventSourceMapping("11111111-1111-1111-1111-111111111111", "orders", "worker", null,
                10, 0, EventSourceMapping.responseTypes(true), null, true, CREATED, CREATED);
        EventSourceMapping off = new EventSourceMapping("22222222-2222-2222-2222-222222222222", "orders", "audit", "2",
                5, 3, EventSourceMapping.responseTypes(false), 4, false, CREATED, CREATED);
        store.putMapping(ANA, on);
        store.putMapping(ANA, off);
        close();
        open();
        assertEquals(Optional.of(on), store.mapping(ANA, on.uuid()));
        assertEquals(Optional.of(off), store.mapping(ANA, off.uuid()));
        assertEquals(List.of(new QueueStore.Enabled(ANA, on)), store.enabledMappings());
        assertTrue(store.deleteMapping(ANA, off.uuid()));
        assertEquals(List.of(on), store.mappings(ANA));
    }
}
