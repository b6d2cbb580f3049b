package dev.faaslab.store;

import dev.faaslab.core.WorkspaceId;
import dev.faaslab.state.StateException;
import dev.faaslab.state.bucket.Bucket;
import dev.faaslab.state.bucket.BucketStore;
import dev.faaslab.state.bucket.Buckets;
import dev.faaslab.state.bucket.StoredObject;
import dev.faaslab.state.bucket.Subscription;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/** Buckets, object metadata and subscriptions in {@code buckets}, {@code bucket_objects} and {@code bucket_subscriptions} (V4). */
public final class JdbcBucketStore implements BucketStore {

    private static final String BUCKET_SELECT = "SELECT b.name, b.created_at, COUNT(o.key_hex) AS objects,"
            + " COALESCE(SUM(o.size_bytes), 0) AS bytes FROM buckets b LEFT JOIN bucket_objects o"
            + " ON o.workspace_id = b.workspace_id AND o.bucket_name = b.name WHERE b.workspace_id = ?";
    private static final String BUCKET_GROUP = " GROUP BY b.name, b.created_at ORDER BY b.name";
    private static final String OBJECT_COLUMNS = "object_key, file_name, size_bytes, content_type, etag, last_modified";
    private static final String OBJECT_KEY = "workspace_id = ? AND bucket_name = ? AND key_hex = ?";

    private final DataSource dataSource;

    public JdbcBucketStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public Bucket create(WorkspaceId workspace, String name, int maxBuckets, Instant now) {
        return Transactions.run(dataSource, "create the bucket '" + name + "'", connection -> {
            Rows.ensureWorkspace(connection, workspace, now);
            if (find(connection, workspace, name).isPresent()) {
                throw new StateException(StateException.Reason.ALREADY_EXISTS, "you have a bucket named '" + name
                        + "' already: use it, or choose another name");
            }
            if (count(connection, "SELECT COUNT(*) FROM buckets WHERE workspace_id = ?", workspace.value()) >= maxBuckets) {
                throw new StateException(StateException.Reason.QUOTA_EXCEEDED, "the workspace has " + maxBuckets
                        + " buckets, its limit: delete one you no longer need");
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO buckets (workspace_id, name, created_at) VALUES (?, ?, ?)")) {
                insert.setString(1, workspace.value());
                insert.setString(2, name);
                Rows.bindInstant(insert, 3, now);
                insert.executeUpdate();
            }
            return new Bucket(name, Rows.stored(now), 0, 0);
        });
    }

    @Override
    public Optional<Bucket> bucket(WorkspaceId workspace, String name) {
        return Transactions.run(dataSource, "read the bucket '" + name + "'", connection -> find(connection, workspace, name));
    }

    @Override
    public List<Bucket> buckets(WorkspaceId workspace) {
        return Transactions.run(dataSource, "list the buckets", connection -> {
            try (PreparedStatement select = connection.prepareStatement(BUCKET_SELECT + BUCKET_GROUP)) {
                select.setString(1, workspace.value());
                return readBuckets(select);
            }
        });
    }

    @Override
    public void delete(WorkspaceId workspace, String name) {
        Transactions.run(dataSource, "delete the bucket '" + name + "'", connection -> {
            // Locks the bucket's row, so that no object is added while this checks that there is none.
            if (!exists(connection, workspace, name, true)) {
                throw Buckets.noSuchBucket(name);
            }
            long objects = count(connection, "SELECT COUNT(*) FROM bucket_objects WHERE workspace_id = ? AND bucket_name = ?",
                    workspace.value(), name);
            if (objects > 0) {
                throw new StateException(StateException.Reason.BUCKET_NOT_EMPTY, "the bucket '" + name + "' holds "
                        + objects + " object" + (objects == 1 ? "" : "s") + ": delete them first, then the bucket");
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM buckets WHERE workspace_id = ? AND name = ?")) {
                delete.setString(1, workspace.value());
                delete.setString(2, name);
                delete.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<StoredObject> object(WorkspaceId workspace, String bucket, String keyHex) {
        return Transactions.run(dataSource, "read an object of '" + bucket + "'",
                connection -> findObject(connection, workspace, bucket, keyHex, false));
    }

    @Override
    public Optional<StoredObject> put(WorkspaceId workspace, String bucket, String keyHex, StoredObject object,
                                      long maxStorageBytes) {
        return Transactions.run(dataSource, "record an object of '" + bucket + "'", connection -> {
            // Locked, so that the bucket is not deleted between this check and the insert.
            if (!exists(connection, workspace, bucket, true)) {
                throw Buckets.noSuchBucket(bucket);
            }
            Optional<StoredObject> replaced = findObject(connection, workspace, bucket, keyHex, true);
            StorageUse.check(connection, workspace, object.size() - replaced.map(StoredObject::size).orElse(0L),
                    maxStorageBytes, "this object of " + object.size() + " bytes"
                            + replaced.map(old -> " in place of one of " + old.size()).orElse(""));
            if (replaced.isPresent()) {
                try (PreparedStatement update = connection.prepareStatement("UPDATE bucket_objects SET object_key = ?,"
                        + " file_name = ?, size_bytes = ?, content_type = ?, etag = ?, last_modified = ? WHERE " + OBJECT_KEY)) {
                    int next = bindObject(update, 1, object);
                    update.setString(next, workspace.value());
                    update.setString(next + 1, bucket);
                    update.setString(next + 2, keyHex);
                    update.executeUpdate();
                }
            } else {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bucket_objects (workspace_id,"
                        + " bucket_name, key_hex, " + OBJECT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setString(1, workspace.value());
                    insert.setString(2, bucket);
                    insert.setString(3, keyHex);
                    bindObject(insert, 4, object);
                    insert.executeUpdate();
                }
            }
            return replaced;
        });
    }

    @Override
    public Optional<StoredObject> remove(WorkspaceId workspace, String bucket, String keyHex) {
        return Transactions.run(dataSource, "delete an object of '" + bucket + "'", connection -> {
            if (!exists(connection, workspace, bucket, false)) {
                throw Buckets.noSuchBucket(bucket);
            }
            Optional<StoredObject> removed = findObject(connection, workspace, bucket, keyHex, true);
            if (removed.isPresent()) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM bucket_objects WHERE " + OBJECT_KEY)) {
                    delete.setString(1, workspace.value());
                    delete.setString(2, bucket);
                    delete.setString(3, keyHex);
                    delete.executeUpdate();
                }
            }
            return removed;
        });
    }

    @Override
    public List<StoredObject> objects(WorkspaceId workspace, String bucket, String prefixHex, String afterHex, int limit) {
        return Transactions.run(dataSource, "list the objects of '" + bucket + "'", connection -> {
            // Hex digits hold no LIKE wildcard, so the prefix needs no escaping.
            try (PreparedStatement select = connection.prepareStatement("SELECT " + OBJECT_COLUMNS
                    + " FROM bucket_objects WHERE workspace_id = ? AND bucket_name = ? AND key_hex LIKE ?"
                    + (afterHex == null ? "" : " AND key_hex > ?") + " ORDER BY key_hex FETCH FIRST " + limit + " ROWS ONLY")) {
                select.setString(1, workspace.value());
                select.setString(2, bucket);
                select.setString(3, prefixHex + "%");
                if (afterHex != null) {
                    select.setString(4, afterHex);
                }
                try (ResultSet row = select.executeQuery()) {
                    List<StoredObject> objects = new ArrayList<>();
                    while (row.next()) {
                        objects.add(readObject(row));
                    }
                    return List.copyOf(objects);
                }
            }
        });
    }

    @Override
    public Set<String> files() {
        return Transactions.run(dataSource, "list the objects' files", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT workspace_id, bucket_name, file_name FROM bucket_objects");
                 ResultSet row = select.executeQuery()) {
                Set<String> files = new HashSet<>();
                while (row.next()) {
                    files.add(row.getString(1) + "/" + row.getString(2) + "/" + row.getString(3));
                }
                return files;
            }
        });
    }

    @Override
    public Subscription subscribe(WorkspaceId workspace, Subscription subscription) {
        return Transactions.run(dataSource, "subscribe to the bucket '" + subscription.bucket() + "'", connection -> {
            if (!exists(connection, workspace, subscription.bucket(), true)) {
                throw Buckets.noSuchBucket(subscription.bucket());
            }
            for (Subscription existing : subscriptions(connection, workspace, subscription.bucket())) {
                if (existing.id().equals(subscription.id())) {
                    throw new StateException(StateException.Reason.ALREADY_EXISTS, "the bucket '" + subscription.bucket()
                            + "' has a subscription '" + subscription.id() + "' already: delete it first, or choose another id");
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bucket_subscriptions (workspace_id,"
                    + " bucket_name, id, function_name, events, key_prefix, key_suffix, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, workspace.value());
                insert.setString(2, subscription.bucket());
                insert.setString(3, subscription.id());
                insert.setString(4, subscription.function());
                insert.setString(5, String.join(",", subscription.events()));
                insert.setString(6, subscription.prefix());
                insert.setString(7, subscription.suffix());
                Rows.bindInstant(insert, 8, subscription.createdAt());
                insert.executeUpdate();
            }
            return new Subscription(subscription.id(), subscription.bucket(), subscription.function(),
                    subscription.events(), subscription.prefix(), subscription.suffix(),
                    Rows.stored(subscription.createdAt()));
        });
    }

    @Override
    public List<Subscription> subscriptions(WorkspaceId workspace, String bucket) {
        return Transactions.run(dataSource, "read the subscriptions of '" + bucket + "'",
                connection -> subscriptions(connection, workspace, bucket));
    }

    @Override
    public boolean unsubscribe(WorkspaceId workspace, String bucket, String id) {
        return Transactions.run(dataSource, "delete a subscription of '" + bucket + "'", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM bucket_subscriptions WHERE workspace_id = ? AND bucket_name = ? AND id = ?")) {
                delete.setString(1, workspace.value());
                delete.setString(2, bucket);
                delete.setString(3, id);
                return delete.executeUpdate() > 0;
            }
        });
    }

    private static List<Subscription> subscriptions(Connection connection, WorkspaceId workspace, String bucket)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id, function_name, events, key_prefix,"
                + " key_suffix, created_at FROM bucket_subscriptions WHERE workspace_id = ? AND bucket_name = ? ORDER BY id")) {
            select.setString(1, workspace.value());
            select.setString(2, bucket);
            try (ResultSet row = select.executeQuery()) {
                List<Subscription> subscriptions = new ArrayList<>();
                while (row.next()) {
                    subscriptions.add(new Subscription(row.getString("id"), bucket, row.getString("function_name"),
                            List.copyOf(Arrays.asList(row.getString("events").split(","))), row.getString("key_prefix"),
                            row.getString("key_suffix"), Rows.readInstant(row, "created_at")));
                }
                return List.copyOf(subscriptions);
            }
        }
    }

    private static int bindObject(PreparedStatement statement, int first, StoredObject object) throws SQLException {
        statement.setString(first, object.key());
        statement.setString(first + 1, object.fileName());
        statement.setLong(first + 2, object.size());
        statement.setString(first + 3, object.contentType());
        statement.setString(first + 4, object.etag());
        Rows.bindInstant(statement, first + 5, object.lastModified());
        return first + 6;
    }

    private static Optional<StoredObject> findObject(Connection connection, WorkspaceId workspace, String bucket,
                                                     String keyHex, boolean forUpdate) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + OBJECT_COLUMNS
                + " FROM bucket_objects WHERE " + OBJECT_KEY + (forUpdate ? " FOR UPDATE" : ""))) {
            select.setString(1, workspace.value());
            select.setString(2, bucket);
            select.setString(3, keyHex);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(readObject(row)) : Optional.empty();
            }
        }
    }

    private static StoredObject readObject(ResultSet row) throws SQLException {
        return new StoredObject(row.getString("object_key"), row.getString("file_name"), row.getLong("size_bytes"),
                row.getString("content_type"), row.getString("etag"), Rows.readInstant(row, "last_modified"));
    }

    private static boolean exists(Connection connection, WorkspaceId workspace, String name, boolean lock)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT name FROM buckets WHERE workspace_id = ?"
                + " AND name = ?" + (lock ? " FOR UPDATE" : ""))) {
            select.setString(1, workspace.value());
            select.setString(2, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private static Optional<Bucket> find(Connection connection, WorkspaceId workspace, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(BUCKET_SELECT + " AND b.name = ?" + BUCKET_GROUP)) {
            select.setString(1, workspace.value());
            select.setString(2, name);
            List<Bucket> found = readBuckets(select);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
        }
    }

    private static List<Bucket> readBuckets(PreparedStatement select) throws SQLException {
        try (ResultSet row = select.executeQuery()) {
            List<Bucket> buckets = new ArrayList<>();
            while (row.next()) {
                buckets.add(new Bucket(row.getString("name"), Rows.readInstant(row, "created_at"), row.getLong("objects"),
                        row.getLong("bytes")));
            }
            return List.copyOf(buckets);
        }
    }

    private static long count(Connection connection, String sql, String... values) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                select.setString(i + 1, values[i]);
            }
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
