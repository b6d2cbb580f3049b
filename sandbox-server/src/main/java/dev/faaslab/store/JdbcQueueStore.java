package dev.faaslab.store;

import dev.faaslab.core.WorkspaceId;
import dev.faaslab.events.queue.EventSourceMapping;
import dev.faaslab.events.queue.Queue;
import dev.faaslab.events.queue.QueueAttributes;
import dev.faaslab.events.queue.QueueCounts;
import dev.faaslab.events.queue.QueueStore;
import dev.faaslab.events.queue.ReceivedMessage;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** Queues, their messages and their triggers, in the tables {@code queues}, {@code queue_messages} and {@code event_source_mappings}. */
public final class JdbcQueueStore implements QueueStore {

    private static final String QUEUE_COLUMNS = "name, visibility_timeout_s, message_retention_s, delay_s,"
            + " dead_letter_queue, max_receive_count, created_at, updated_at";
    private static final String MAPPING_COLUMNS = "workspace_id, uuid, queue_name, function_name, qualifier,"
            + " batch_size, maximum_batching_window_s, report_batch_item_failures, maximum_concurrency, enabled,"
            + " created_at, updated_at";
    private static final String IN_QUEUE = " WHERE workspace_id = ? AND queue_name = ?";
    /** Candidates read per round of a receive; some may move to the dead-letter queue instead. */
    private static final int PAGE = 100;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;

    public JdbcQueueStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public boolean putQueue(WorkspaceId workspace, String name, QueueAttributes attributes, Instant now) {
        return Transactions.run(dataSource, "save the queue '" + name + "'", connection -> {
            Rows.ensureWorkspace(connection, workspace, now);
            try (PreparedStatement update = connection.prepareStatement("UPDATE queues SET visibility_timeout_s = ?,"
                    + " message_retention_s = ?, delay_s = ?, dead_letter_queue = ?, max_receive_count = ?,"
                    + " updated_at = ? WHERE workspace_id = ? AND name = ?")) {
                int i = bindAttributes(update, 1, attributes);
                Rows.bindInstant(update, i++, now);
                update.setString(i++, workspace.value());
                update.setString(i, name);
                if (update.executeUpdate() == 1) {
                    return false;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO queues (workspace_id, "
                    + QUEUE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, workspace.value());
                insert.setString(2, name);
                int i = bindAttributes(insert, 3, attributes);
                Rows.bindInstant(insert, i++, now);
                Rows.bindInstant(insert, i, now);
                insert.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public Optional<Queue> queue(WorkspaceId workspace, String name) {
        return Transactions.run(dataSource, "read the queue '" + name + "'", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + QUEUE_COLUMNS
                    + " FROM queues WHERE workspace_id = ? AND name = ?")) {
                select.setString(1, workspace.value());
                select.setString(2, name);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(readQueue(row)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<Queue> queues(WorkspaceId workspace) {
        return Transactions.run(dataSource, "list the queues", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + QUEUE_COLUMNS
                    + " FROM queues WHERE workspace_id = ? ORDER BY name")) {
                select.setString(1, workspace.value());
                try (ResultSet row = select.executeQuery()) {
                    List<Queue> queues = new ArrayList<>();
                    while (row.next()) {
                        queues.add(readQueue(row));
                    }
                    return List.copyOf(queues);
                }
            }
        });
    }

    @Override
    public boolean deleteQueue(WorkspaceId workspace, String name) {
        return Transactions.run(dataSource, "delete the queue '" + name + "'", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM queues WHERE workspace_id = ? AND name = ?")) {
                delete.setString(1, workspace.value());
                delete.setString(2, name);
                return delete.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<String> queuesRedrivingTo(WorkspaceId workspace, String name) {
        return Transactions.run(dataSource, "find the queues redriving to '" + name + "'", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT name FROM queues"
                    + " WHERE workspace_id = ? AND dead_letter_queue = ? ORDER BY name")) {
                select.setString(1, workspace.value());
                select.setString(2, name);
                try (ResultSet row = select.executeQuery()) {
                    List<String> names = new ArrayList<>();
                    while (row.next()) {
                        names.add(row.getString(1));
                    }
                    return List.copyOf(names);
                }
            }
        });
    }

    @Override
    public void send(WorkspaceId workspace, String queue, List<NewMessage> messages, long nowMillis) {
        Transactions.run(dataSource, "send to the queue '" + queue + "'", connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO queue_messages (workspace_id,"
                    + " queue_name, message_id, body, body_bytes, md5_of_body, sent_at_ms, visible_at_ms, receive_count)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)")) {
                for (NewMessage message : messages) {
                    insert.setString(1, workspace.value());
                    insert.setString(2, queue);
                    insert.setString(3, message.messageId());
                    insert.setString(4, message.body());
                    insert.setInt(5, message.bodyBytes());
                    insert.setString(6, message.md5OfBody());
                    insert.setLong(7, nowMillis);
                    insert.setLong(8, message.visibleAtMillis());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<ReceivedMessage> receive(WorkspaceId workspace, Queue queue, int max, long maxBytes,
                                         long visibilityMillis, long nowMillis) {
        return Transactions.run(dataSource, "receive from the queue '" + queue.name() + "'", connection -> {
            expire(connection, workspace, queue, nowMillis);
            QueueAttributes.RedrivePolicy redrive = queue.attributes().redrivePolicy();
            List<ReceivedMessage> received = new ArrayList<>();
            long bytes = 0;
            long afterSeq = -1;
            while (received.size() < max) {
                List<Candidate> page = candidates(connection, workspace, queue.name(), nowMillis, afterSeq);
                if (page.isEmpty()) {
                    break;
                }
                for (Candidate candidate : page) {
                    afterSeq = candidate.seq();
                    if (redrive != null && candidate.receiveCount() >= redrive.maxReceiveCount()) {
                        moveToDeadLetterQueue(connection, candidate, redrive.deadLetterQueue(), nowMillis);
                        continue;
                    }
                    if (!received.isEmpty() && bytes + candidate.bodyBytes() > maxBytes) {
                        return List.copyOf(received);
                    }
                    ReceivedMessage message = take(connection, candidate, visibilityMillis, nowMillis);
                    if (message != null) {
                        received.add(message);
                        bytes += candidate.bodyBytes();
                        if (received.size() == max) {
                            break;
                        }
                    }
                }
            }
            return List.copyOf(received);
        });
    }

    private record Candidate(long seq, String messageId, String body, int bodyBytes, String md5, long sentAt,
                             int receiveCount, Long firstReceivedAt) {
    }

    private static List<Candidate> candidates(Connection connection, WorkspaceId workspace, String queue,
                                              long nowMillis, long afterSeq) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT seq, message_id, body, body_bytes,"
                + " md5_of_body, sent_at_ms, receive_count, first_received_at_ms FROM queue_messages" + IN_QUEUE
                + " AND visible_at_ms <= ? AND seq > ? ORDER BY seq FETCH FIRST " + PAGE + " ROWS ONLY")) {
            select.setString(1, workspace.value());
            select.setString(2, queue);
            select.setLong(3, nowMillis);
            select.setLong(4, afterSeq);
            try (ResultSet row = select.executeQuery()) {
                List<Candidate> page = new ArrayList<>();
                while (row.next()) {
                    page.add(new Candidate(row.getLong(1), row.getString(2), row.getString(3), row.getInt(4),
                            row.getString(5), row.getLong(6), row.getInt(7), row.getObject(8, Long.class)));
                }
                return page;
            }
        }
    }

    /**
     * Hides the message and hands it out, unless a concurrent receive took it first: the receive count
     * is the row's version, so only one of two receivers updates it.
     */
    private static ReceivedMessage take(Connection connection, Candidate candidate, long visibilityMillis,
                                        long nowMillis) throws SQLException {
        String handle = receiptHandle();
        long firstReceived = candidate.firstReceivedAt() == null ? nowMillis : candidate.firstReceivedAt();
        try (PreparedStatement update = connection.prepareStatement("UPDATE queue_messages SET receipt_handle = ?,"
                + " visible_at_ms = ?, receive_count = receive_count + 1, first_received_at_ms = ?"
                + " WHERE seq = ? AND receive_count = ? AND visible_at_ms <= ?")) {
            update.setString(1, handle);
            update.setLong(2, nowMillis + visibilityMillis);
            update.setLong(3, firstReceived);
            update.setLong(4, candidate.seq());
            update.setInt(5, candidate.receiveCount());
            update.setLong(6, nowMillis);
            if (update.executeUpdate() != 1) {
                return null;
            }
        }
        return new ReceivedMessage(candidate.messageId(), handle, candidate.body(), candidate.md5(),
                candidate.sentAt(), candidate.receiveCount() + 1, firstReceived);
    }

    /** The message keeps its id, body and sent time; in the dead-letter queue it starts unreceived. */
    private static void moveToDeadLetterQueue(Connection connection, Candidate candidate, String deadLetterQueue,
                                              long nowMillis) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE queue_messages SET queue_name = ?,"
                + " receipt_handle = NULL, visible_at_ms = ?, receive_count = 0, first_received_at_ms = NULL"
                + " WHERE seq = ? AND receive_count = ?")) {
            update.setString(1, deadLetterQueue);
            update.setLong(2, nowMillis);
            update.setLong(3, candidate.seq());
            update.setInt(4, candidate.receiveCount());
            update.executeUpdate();
        }
    }

    private static void expire(Connection connection, WorkspaceId workspace, Queue queue, long nowMillis)
            throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM queue_messages" + IN_QUEUE
                + " AND sent_at_ms < ?")) {
            delete.setString(1, workspace.value());
            delete.setString(2, queue.name());
            delete.setLong(3, nowMillis - queue.attributes().messageRetentionSeconds() * 1000L);
            delete.executeUpdate();
        }
    }

    @Override
    public boolean deleteMessage(WorkspaceId workspace, String queue, String receiptHandle) {
        return Transactions.run(dataSource, "delete a message from the queue '" + queue + "'", connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM queue_messages" + IN_QUEUE
                    + " AND receipt_handle = ?")) {
                delete.setString(1, workspace.value());
                delete.setString(2, queue);
                delete.setString(3, receiptHandle);
                return delete.executeUpdate() > 0;
            }
        });
    }

    @Override
    public int purge(WorkspaceId workspace, String queue) {
        return Transactions.run(dataSource, "purge the queue '" + queue + "'", connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM queue_messages" + IN_QUEUE)) {
                delete.setString(1, workspace.value());
                delete.setString(2, queue);
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public QueueCounts counts(WorkspaceId workspace, Queue queue, long nowMillis) {
        return Transactions.run(dataSource, "count the messages of the queue '" + queue.name() + "'", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT"
                    + " COUNT(CASE WHEN visible_at_ms <= ? THEN 1 END),"
                    + " COUNT(CASE WHEN visible_at_ms > ? AND receipt_handle IS NOT NULL THEN 1 END),"
                    + " COUNT(CASE WHEN visible_at_ms > ? AND receipt_handle IS NULL THEN 1 END)"
                    + " FROM queue_messages" + IN_QUEUE + " AND sent_at_ms >= ?")) {
                select.setLong(1, nowMillis);
                select.setLong(2, nowMillis);
                select.setLong(3, nowMillis);
                select.setString(4, workspace.value());
                select.setString(5, queue.name());
                select.setLong(6, nowMillis - queue.attributes().messageRetentionSeconds() * 1000L);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return new QueueCounts(row.getLong(1), row.getLong(2), row.getLong(3));
                }
            }
        });
    }

    // ---- event source mappings ----

    @Override
    public void putMapping(WorkspaceId workspace, EventSourceMapping mapping) {
        Transactions.run(dataSource, "save the event source mapping " + mapping.uuid(), connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE event_source_mappings SET"
                    + " qualifier = ?, batch_size = ?, maximum_batching_window_s = ?, report_batch_item_failures = ?,"
                    + " maximum_concurrency = ?, enabled = ?, updated_at = ? WHERE workspace_id = ? AND uuid = ?")) {
                bindQualifier(update, 1, mapping.qualifier());
                update.setInt(2, mapping.batchSize());
                update.setInt(3, mapping.maximumBatchingWindowSeconds());
                update.setBoolean(4, mapping.reportBatchItemFailures());
                Rows.bindInteger(update, 5, mapping.maximumConcurrency());
                update.setBoolean(6, mapping.enabled());
                Rows.bindInstant(update, 7, mapping.updatedAt());
                update.setString(8, workspace.value());
                update.setString(9, mapping.uuid());
                if (update.executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO event_source_mappings ("
                    + MAPPING_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, workspace.value());
                insert.setString(2, mapping.uuid());
                insert.setString(3, mapping.queue());
                insert.setString(4, mapping.function());
                bindQualifier(insert, 5, mapping.qualifier());
                insert.setInt(6, mapping.batchSize());
                insert.setInt(7, mapping.maximumBatchingWindowSeconds());
                insert.setBoolean(8, mapping.reportBatchItemFailures());
                Rows.bindInteger(insert, 9, mapping.maximumConcurrency());
                insert.setBoolean(10, mapping.enabled());
                Rows.bindInstant(insert, 11, mapping.createdAt());
                Rows.bindInstant(insert, 12, mapping.updatedAt());
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<EventSourceMapping> mapping(WorkspaceId workspace, String uuid) {
        List<EventSourceMapping> found = selectMappings("read the event source mapping " + uuid,
                " WHERE workspace_id = ? AND uuid = ?", workspace.value(), uuid);
        return found.stream().findFirst();
    }

    @Override
    public List<EventSourceMapping> mappings(WorkspaceId workspace) {
        return selectMappings("list the event source mappings", " WHERE workspace_id = ? ORDER BY created_at, uuid",
                workspace.value());
    }

    @Override
    public List<Enabled> enabledMappings() {
        return Transactions.run(dataSource, "read the enabled event source mappings", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + MAPPING_COLUMNS
                    + " FROM event_source_mappings WHERE enabled = TRUE ORDER BY workspace_id, created_at, uuid");
                 ResultSet row = select.executeQuery()) {
                List<Enabled> enabled = new ArrayList<>();
                while (row.next()) {
                    enabled.add(new Enabled(new WorkspaceId(row.getString("workspace_id")), readMapping(row)));
                }
                return List.copyOf(enabled);
            }
        });
    }

    @Override
    public boolean deleteMapping(WorkspaceId workspace, String uuid) {
        return Transactions.run(dataSource, "delete the event source mapping " + uuid, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM event_source_mappings WHERE workspace_id = ? AND uuid = ?")) {
                delete.setString(1, workspace.value());
                delete.setString(2, uuid);
                return delete.executeUpdate() == 1;
            }
        });
    }

    private List<EventSourceMapping> selectMappings(String what, String where, String... parameters) {
        return Transactions.run(dataSource, what, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + MAPPING_COLUMNS
                    + " FROM event_source_mappings" + where)) {
                for (int i = 0; i < parameters.length; i++) {
                    select.setString(i + 1, parameters[i]);
                }
                try (ResultSet row = select.executeQuery()) {
                    List<EventSourceMapping> mappings = new ArrayList<>();
                    while (row.next()) {
                        mappings.add(readMapping(row));
                    }
                    return List.copyOf(mappings);
                }
            }
        });
    }

    private static EventSourceMapping readMapping(ResultSet row) throws SQLException {
        return new EventSourceMapping(row.getString("uuid"), row.getString("queue_name"),
                row.getString("function_name"), row.getString("qualifier"), row.getInt("batch_size"),
                row.getInt("maximum_batching_window_s"),
                EventSourceMapping.responseTypes(row.getBoolean("report_batch_item_failures")),
                row.getObject("maximum_concurrency", Integer.class), row.getBoolean("enabled"), Rows.readInstant(row, "created_at"), Rows.readInstant(row, "updated_at"));
    }

    private static void bindQualifier(PreparedStatement statement, int index, String qualifier) throws SQLException {
        if (qualifier == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, qualifier);
        }
    }

    private static int bindAttributes(PreparedStatement statement, int first, QueueAttributes attributes)
            throws SQLException {
        int i = first;
        statement.setInt(i++, attributes.visibilityTimeoutSeconds());
        statement.setInt(i++, attributes.messageRetentionSeconds());
        statement.setInt(i++, attributes.delaySeconds());
        QueueAttributes.RedrivePolicy redrive = attributes.redrivePolicy();
        if (redrive == null) {
            statement.setNull(i++, Types.VARCHAR);
            statement.setNull(i++, Types.INTEGER);
        } else {
            statement.setString(i++, redrive.deadLetterQueue());
            statement.setInt(i++, redrive.maxReceiveCount());
        }
        return i;
    }

    private static Queue readQueue(ResultSet row) throws SQLException {
        String deadLetterQueue = row.getString("dead_letter_queue");
        QueueAttributes.RedrivePolicy redrive = deadLetterQueue == null ? null
                : new QueueAttributes.RedrivePolicy(deadLetterQueue, row.getInt("max_receive_count"));
        return new Queue(row.getString("name"), new QueueAttributes(row.getInt("visibility_timeout_s"),
                row.getInt("message_retention_s"), row.getInt("delay_s"), redrive),
                Rows.readInstant(row, "created_at"), Rows.readInstant(row, "updated_at"));
    }

    /** Opaque and URL-safe, so that it can sit in a path: 32 random bytes, base64url. */
    private static String receiptHandle() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
