package dev.faaslab.store;

import dev.faaslab.core.WorkspaceId;
import dev.faaslab.state.StateException;
import dev.faaslab.state.table.ItemKey;
import dev.faaslab.state.table.KeyType;
import dev.faaslab.state.table.SortRange;
import dev.faaslab.state.table.Table;
import dev.faaslab.state.table.TableStore;
import dev.faaslab.state.table.Tables;
import dev.faaslab.state.table.VersionedItem;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** Tables and items in {@code kv_tables} and {@code kv_items} (V3). */
public final class JdbcTableStore implements TableStore {

    private static final String TABLE_COLUMNS = "name, partition_key_name, partition_key_type, sort_key_name,"
            + " sort_key_type, item_count, created_at";

    private final DataSource dataSource;

    public JdbcTableStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public Table create(WorkspaceId workspace, Table table, int maxTables, Instant now) {
        return Transactions.run(dataSource, "create the table '" + table.name() + "'", connection -> {
            Rows.ensureWorkspace(connection, workspace, now);
            if (find(connection, workspace, table.name()).isPresent()) {
                throw new StateException(StateException.Reason.ALREADY_EXISTS, "a table named '" + table.name()
                        + "' exists already: delete it first, or choose another name");
            }
            try (PreparedStatement count = connection.prepareStatement(
                    "SELECT COUNT(*) FROM kv_tables WHERE workspace_id = ?")) {
                count.setString(1, workspace.value());
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    if (row.getLong(1) >= maxTables) {
                        throw new StateException(StateException.Reason.QUOTA_EXCEEDED, "the workspace has "
                                + maxTables + " tables, its limit: delete one you no longer need");
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO kv_tables (workspace_id, "
                    + TABLE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, 0, ?)")) {
                insert.setString(1, workspace.value());
                insert.setString(2, table.name());
                insert.setString(3, table.partitionKey());
                insert.setString(4, table.partitionKeyType().label());
                insert.setString(5, table.sortKey());
                insert.setString(6, table.sortKeyType() == null ? null : table.sortKeyType().label());
                Rows.bindInstant(insert, 7, now);
                insert.executeUpdate();
            }
            return new Table(table.name(), table.partitionKey(), table.partitionKeyType(), table.sortKey(),
                    table.sortKeyType(), 0, Rows.stored(now));
        });
    }

    @Override
    public Optional<Table> table(WorkspaceId workspace, String name) {
        return Transactions.run(dataSource, "read the table '" + name + "'",
                connection -> find(connection, workspace, name));
    }

    @Override
    public List<Table> tables(WorkspaceId workspace) {
        return Transactions.run(dataSource, "list the tables", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + TABLE_COLUMNS
                    + " FROM kv_tables WHERE workspace_id = ? ORDER BY name")) {
                select.setString(1, workspace.value());
                try (ResultSet row = select.executeQuery()) {
                    List<Table> tables = new ArrayList<>();
                    while (row.next()) {
                        tables.add(readTable(row));
                    }
                    return List.copyOf(tables);
                }
            }
        });
    }

    @Override
    public boolean drop(WorkspaceId workspace, String name) {
        return Transactions.run(dataSource, "delete the table '" + name + "'", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM kv_tables WHERE workspace_id = ? AND name = ?")) {
                delete.setString(1, workspace.value());
                delete.setString(2, name);
                return delete.executeUpdate() > 0;
            }
        });
    }

    @Override
    public Optional<VersionedItem> get(WorkspaceId workspace, String table, ItemKey key) {
        return Transactions.run(dataSource, "read an item of '" + table + "'",
                connection -> item(connection, workspace, table, key, false));
    }

    @Override
    public Optional<VersionedItem> write(WorkspaceId workspace, String table, ItemKey key, long maxItems,
                                         long maxStorageBytes, Instant now, Change change) {
        return Transactions.run(dataSource, "write an item of '" + table + "'", connection -> {
            Table schema = find(connection, workspace, table).orElseThrow(() -> Tables.notFound(table));
            // FOR UPDATE: a concurrent writer of this item waits here until this one commits, then reads
            // what it wrote; so increments from many instances never lose one.
            Optional<VersionedItem> current = item(connection, workspace, table, key, true);
            Optional<String> next = change.apply(current);
            // In this transaction: a write and its stream record commit together or not at all.
            long nextBytes = next.map(JdbcTableStore::bytes).orElse(0L);
            long growth = nextBytes - current.map(item -> bytes(item.document())).orElse(0L);
            StorageUse.check(connection, workspace, growth, maxStorageBytes, "this item of " + nextBytes + " bytes");
            countBytes(connection, workspace, table, growth);
            JdbcStreamStore.append(connection, workspace, schema, current.map(VersionedItem::document), next,
                    now.toEpochMilli());
            if (next.isEmpty()) {
                if (current.isPresent()) {
                    deleteItem(connection, workspace, table, key);
                    countItems(connection, workspace, table, -1, maxItems);
                }
                return Optional.empty();
            }
            if (current.isEmpty()) {
                countItems(connection, workspace, table, +1, maxItems);
                insertItem(connection, workspace, table, key, next.get(), now);
                return Optional.of(new VersionedItem(next.get(), 1));
            }
            long version = current.get().version() + 1;
            try (PreparedStatement update = connection.prepareStatement("UPDATE kv_items SET document = ?,"
                    + " version = ?, updated_at = ? WHERE " + ITEM_KEY)) {
                update.setString(1, next.get());
                update.setLong(2, version);
                Rows.bindInstant(update, 3, now);
                bindItemKey(update, 4, workspace, table, key);
                update.executeUpdate();
            }
            return Optional.of(new VersionedItem(next.get(), version));
        });
    }

    @Override
    public List<VersionedItem> query(WorkspaceId workspace, Table table, String partition, SortRange range,
                                     ItemKey after, int limit) {
        boolean numeric = table.sortKeyType() == KeyType.NUMBER;
        StringBuilder sql = new StringBuilder("SELECT document, version FROM kv_items"
                + " WHERE workspace_id = ? AND table_name = ? AND partition_value = ?");
        List<Object> values = new ArrayList<>(List.of(workspace.value(), table.name(), partition));
        if (range.prefixHex() != null) {
            // Hex digits hold no LIKE wildcard, so the prefix needs no escaping.
            sql.append(" AND sort_value LIKE ?");
            values.add(range.prefixHex() + "%");
        }
        String column = numeric ? "sort_number" : "sort_value";
        if (range.fromHex() != null || range.fromNumber() != null) {
            sql.append(" AND ").append(column).append(" >= ?");
            values.add(numeric ? range.fromNumber() : range.fromHex());
        }
        if (range.toHex() != null || range.toNumber() != null) {
            sql.append(" AND ").append(column).append(" <= ?");
            values.add(numeric ? range.toNumber() : range.toHex());
        }
        if (after != null) {
            sql.append(" AND ").append(column).append(" > ?");
            values.add(numeric ? after.sortNumber() : after.sort());
        }
        sql.append(" ORDER BY ").append(column).append(" FETCH FIRST ").append(limit).append(" ROWS ONLY");
        return items(sql.toString(), values, "query the table '" + table.name() + "'");
    }

    @Override
    public List<VersionedItem> scan(WorkspaceId workspace, Table table, String prefix, ItemKey after, int limit) {
        String sort = table.sortKeyType() == KeyType.NUMBER ? "sort_number" : "sort_value";
        StringBuilder sql = new StringBuilder("SELECT document, version FROM kv_items"
                + " WHERE workspace_id = ? AND table_name = ?");
        List<Object> values = new ArrayList<>(List.of(workspace.value(), table.name()));
        if (prefix != null) {
            // A key may hold LIKE's wildcards: escaped, they match themselves.
            sql.append(" AND partition_value LIKE ? ESCAPE '\\'");
            values.add(prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (after != null) {
            sql.append(" AND (partition_value > ? OR (partition_value = ? AND ").append(sort).append(" > ?))");
            values.add(after.partition());
            values.add(after.partition());
            values.add(table.sortKeyType() == KeyType.NUMBER ? after.sortNumber() : after.sort());
        }
        sql.append(" ORDER BY partition_value, ").append(sort).append(" FETCH FIRST ").append(limit)
                .append(" ROWS ONLY");
        return items(sql.toString(), values, "scan the table '" + table.name() + "'");
    }

    private List<VersionedItem> items(String sql, List<Object> values, String what) {
        return Transactions.run(dataSource, what, connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < values.size(); i++) {
                    select.setObject(i + 1, values.get(i));
                }
                try (ResultSet row = select.executeQuery()) {
                    List<VersionedItem> items = new ArrayList<>();
                    while (row.next()) {
                        items.add(new VersionedItem(row.getString("document"), row.getLong("version")));
                    }
                    return List.copyOf(items);
                }
            }
        });
    }

    private static final String ITEM_KEY = "workspace_id = ? AND table_name = ? AND partition_value = ? AND sort_value = ?";

    private static void bindItemKey(PreparedStatement statement, int first, WorkspaceId workspace, String table,
                                    ItemKey key) throws SQLException {
        statement.setString(first, workspace.value());
        statement.setString(first + 1, table);
        statement.setString(first + 2, key.partition());
        statement.setString(first + 3, key.sort());
    }

    private static Optional<VersionedItem> item(Connection connection, WorkspaceId workspace, String table, ItemKey key,
                                                boolean forUpdate) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT document, version FROM kv_items WHERE "
                + ITEM_KEY + (forUpdate ? " FOR UPDATE" : ""))) {
            bindItemKey(select, 1, workspace, table, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new VersionedItem(row.getString("document"), row.getLong("version")))
                        : Optional.empty();
            }
        }
    }

    private static void insertItem(Connection connection, WorkspaceId workspace, String table, ItemKey key,
                                   String document, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO kv_items (workspace_id, table_name,"
                + " partition_value, sort_value, sort_number, document, version, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, 1, ?)")) {
            bindItemKey(insert, 1, workspace, table, key);
            insert.setBigDecimal(5, key.sortNumber());
            insert.setString(6, document);
            Rows.bindInstant(insert, 7, now);
            insert.executeUpdate();
        }
    }

    private static void deleteItem(Connection connection, WorkspaceId workspace, String table, ItemKey key)
            throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM kv_items WHERE " + ITEM_KEY)) {
            bindItemKey(delete, 1, workspace, table, key);
            delete.executeUpdate();
        }
    }

    /** An item's size as the storage quota counts it: its JSON in UTF-8. */
    private static long bytes(String document) {
        return document.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /** Keeps the table's byte count (its items' JSON in UTF-8), which the workspace's storage quota adds up. */
    private static void countBytes(Connection connection, WorkspaceId workspace, String table, long delta)
            throws SQLException {
        if (delta == 0) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE kv_tables SET byte_count = byte_count + ?"
                + " WHERE workspace_id = ? AND name = ?")) {
            update.setLong(1, delta);
            update.setString(2, workspace.value());
            update.setString(3, table);
            update.executeUpdate();
        }
    }

    /** Keeps the table's item count, refusing a new item past {@code maxItems}. */
    private static void countItems(Connection connection, WorkspaceId workspace, String table, int delta,
                                   long maxItems) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE kv_tables SET item_count = item_count + ?"
                + " WHERE workspace_id = ? AND name = ?" + (delta > 0 ? " AND item_count < ?" : ""))) {
            update.setInt(1, delta);
            update.setString(2, workspace.value());
            update.setString(3, table);
            if (delta > 0) {
                update.setLong(4, maxItems);
            }
            if (update.executeUpdate() == 0) {
                throw new StateException(StateException.Reason.QUOTA_EXCEEDED, "the table '" + table + "' holds "
                        + maxItems + " items, its limit: delete items you no longer need, or use another table");
            }
        }
    }

    private static Optional<Table> find(Connection connection, WorkspaceId workspace, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + TABLE_COLUMNS
                + " FROM kv_tables WHERE workspace_id = ? AND name = ?")) {
            select.setString(1, workspace.value());
            select.setString(2, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(readTable(row)) : Optional.empty();
            }
        }
    }

    private static Table readTable(ResultSet row) throws SQLException {
        String sortType = row.getString("sort_key_type");
        return new Table(row.getString("name"), row.getString("partition_key_name"),
                KeyType.fromLabel(row.getString("partition_key_type")), row.getString("sort_key_name"),
                sortType == null ? null : KeyType.fromLabel(sortType), row.getLong("item_count"),
                Rows.readInstant(row, "created_at"));
    }
}
