package dev.faaslab.events.stream;

import dev.faaslab.core.InvalidInputException;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.platform.NotFoundException;
import dev.faaslab.state.table.Tables;
import dev.faaslab.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Tables' change streams, as DynamoDB Streams: turning one on or off, and reading its records. The
 * records are written with the items (see the table store); they are kept {@link #RETENTION}.
 */
public final class TableStreams {

    /** DynamoDB Streams keeps a record 24 hours. */
    public static final Duration RETENTION = Duration.ofHours(24);
    public static final int MAX_READ = 1000;
    /** DynamoDB's stream label: when the stream was turned on, to the millisecond. */
    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private final StreamStore store;
    private final Tables tables;
    private final Clock clock;

    public TableStreams(StreamStore store, Tables tables, Clock clock) {
        this.store = store;
        this.tables = tables;
        this.clock = clock;
    }

    /** Turns the table's stream on, or changes its view type; records from now on take it. */
    public TableStream enable(WorkspaceId workspace, String table, StreamViewType viewType) {
        tables.describe(workspace, table);
        return store.enable(workspace, table, viewType, LABEL.format(Instant.ofEpochMilli(clock.epochMillis())));
    }

    /** Turns it off: writes add no records; those it has stay until they expire. */
    public void disable(WorkspaceId workspace, String table) {
        tables.describe(workspace, table);
        store.disable(workspace, table);
    }

    /** @throws NotFoundException when the table has never had a stream */
    public TableStream stream(WorkspaceId workspace, String table) {
        tables.describe(workspace, table);
        return store.stream(workspace, table).orElseThrow(() -> new NotFoundException("the table '" + table
                + "' has no stream: turn one on with PUT /api/tables/" + table + "/stream"));
    }

    /** Up to {@code limit} records after {@code afterSequence}, oldest first, none older than 24 hours. */
    public List<StreamRecord> records(WorkspaceId workspace, String table, long afterSequence, int limit) {
        stream(workspace, table);
        if (limit < 1 || limit > MAX_READ) {
            throw new InvalidInputException("limit", "limit must be between 1 and " + MAX_READ + ", not " + limit);
        }
        return store.records(workspace, table, afterSequence, limit, oldestKept());
    }

    /** When the oldest record still kept was made. */
    long oldestKept() {
        return clock.epochMillis() - RETENTION.toMillis();
    }

    /** Forgets the records past their 24 hours. */
    void trim() {
        store.trim(oldestKept());
    }
}
