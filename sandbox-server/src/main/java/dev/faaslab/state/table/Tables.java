package dev.faaslab.state.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.state.StateException;
import dev.faaslab.time.Clock;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Key-value tables, DynamoDB-like: JSON items addressed by a partition key and an optional sort key,
 * with a version per item, conditional writes, atomic increments and queries of one partition in
 * sort-key order. Every item belongs to a table of one workspace. Both the REST API and the SDK use
 * this class; it checks every argument, since a function's arguments come from learners' code.
 */
public final class Tables {

    /** DynamoDB's rule for table names. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");
    /** DynamoDB's limits on key values, in UTF-8 bytes. */
    static final int MAX_PARTITION_BYTES = 2048;
    static final int MAX_SORT_BYTES = 1024;
    /** What a numeric key or increment may hold: the kv_items.sort_number column's NUMERIC(60, 20). */
    private static final int MAX_INTEGER_DIGITS = 38;
    private static final int MAX_FRACTION_DIGITS = 20;
    public static final int MAX_QUERY_LIMIT = 1000;
    public static final int DEFAULT_QUERY_LIMIT = 100;

    /** Floats as BigDecimal, so that numbers keep every digit they were written with. */
    static final ObjectMapper JSON = dev.faaslab.core.Json.EXACT_NUMBERS;
    private static final HexFormat HEX = HexFormat.of();

    private final TableStore store;
    private final Clock clock;
    private final TableLimits limits;
    /** Bytes each workspace may keep in tables and buckets together; a classroom sets its learners'. */
    private volatile dev.faaslab.state.StorageQuota storage = dev.faaslab.state.StorageQuota.DEFAULT;

    public Tables(TableStore store, Clock clock, TableLimits limits) {
        this.store = store;
        this.clock = clock;
        this.limits = limits;
    }

    /** Sets how many bytes each workspace may keep (its items and its buckets' objects together), from the next write. */
    public void limitEach(dev.faaslab.state.StorageQuota storage) {
        this.storage = storage;
    }

    public TableLimits limits() {
        return limits;
    }

    // ---- tables ----

    /**
     * Creates a table; creating one that exists with the same keys changes nothing.
     *
     * @param sortKey null for none
     * @return the table, and whether this call created it
     */
    public Created create(WorkspaceId workspace, String name, String partitionKey, KeyType partitionKeyType,
                          String sortKey, KeyType sortKeyType) {
        checkName(name);
        checkAttributeName("partitionKey", partitionKey);
        if (sortKey != null) {
            checkAttributeName("sortKey", sortKey);
            if (sortKey.equals(partitionKey)) {
                throw StateException.invalid("the sort key must be another attribute than the partition key '"
                        + partitionKey + "'");
            }
        }
        Table wanted = new Table(name, partitionKey, partitionKeyType == null ? KeyType.STRING : partitionKeyType,
                sortKey, sortKey == null ? null : sortKeyType == null ? KeyType.STRING : sortKeyType, 0, now());
        Optional<Table> existing = store.table(workspace, name);
        if (existing.isPresent()) {
            if (existing.get().sameKeys(wanted)) {
                return new Created(existing.get(), false);
            }
            throw new StateException(StateException.Reason.ALREADY_EXISTS, "a table named '" + name
                    + "' exists already with other keys (" + describeKeys(existing.get())
                    + "): delete it first, or choose another name");
        }
        return new Created(store.create(workspace, wanted, limits.maxTables(), now()), true);
    }

    /** A table, and whether {@link #create} made it. */
    public record Created(Table table, boolean created) {
    }

    public Table describe(WorkspaceId workspace, String name) {
        checkName(name);
        return store.table(workspace, name).orElseThrow(() -> notFound(name));
    }

    public List<Table> list(WorkspaceId workspace) {
        return store.tables(workspace);
    }

    /** @throws StateException TABLE_NOT_FOUND */
    public void delete(WorkspaceId workspace, String name) {
        checkName(name);
        if (!store.drop(workspace, name)) {
            throw notFound(name);
        }
    }

    // ---- items ----

    /** The item with this key (an object holding exactly the key attributes), or empty. */
    public Optional<VersionedItem> get(WorkspaceId workspace, String table, JsonNode key) {
        Table schema = describe(workspace, table);
        return store.get(workspace, table, itemKey(schema, key, true));
    }

    /** A condition on a write: none, only if absent, or only if the item is at this version. */
    public record Condition(boolean ifAbsent, Long ifVersion) {
        public static final Condition NONE = new Condition(false, null);

        public Condition {
            if (ifAbsent && ifVersion != null) {
                throw StateException.invalid("ifAbsent and ifVersion cannot both be set: an absent item has no version");
            }
            if (ifVersion != null && ifVersion < 1) {
                throw StateException.invalid("ifVersion must be 1 or more (an item's first version is 1), not "
                        + ifVersion);
            }
        }

        void check(String table, Optional<VersionedItem> current) {
            if (ifAbsent && current.isPresent()) {
                throw new StateException(StateException.Reason.CONDITION_FAILED, "the item exists already in '"
                        + table + "' (version " + current.get().version() + "), and the put asked ifAbsent");
            }
            if (ifVersion != null && (current.isEmpty() || current.get().version() != ifVersion)) {
                throw new StateException(StateException.Reason.CONDITION_FAILED, "the item in '" + table + "' is "
                        + current.map(c -> "at version " + c.version()).orElse("absent") + ", not at version "
                        + ifVersion + ": someone changed it since you read it; read it again and retry");
            }
        }
    }

    /**
     * Writes a whole item, replacing any item with its key.
     *
     * @return the item's new version
     * @throws StateException CONDITION_FAILED, QUOTA_EXCEEDED (the item's size, or the table's items), INVALID
     */
    public long put(WorkspaceId workspace, String table, JsonNode item, Condition condition) {
        Table schema = describe(workspace, table);
        if (item == null || !item.isObject()) {
            throw StateException.invalid("an item is a JSON object holding the key attribute"
                    + (schema.hasSortKey() ? "s" : "") + " " + describeKeys(schema) + ", not " + kind(item));
        }
        ItemKey key = itemKey(schema, item, false);
        String document = write(item);
        checkSize(table, document);
        return write(workspace, table, key, current -> {
            condition.check(table, current);
            return Optional.of(document);
        }).orElseThrow().version();
    }

    /**
     * Deletes the item with this key.
     *
     * @param ifVersion null, or the version the item must be at
     * @return whether there was an item to delete
     */
    public boolean delete(WorkspaceId workspace, String table, JsonNode key, Long ifVersion) {
        Table schema = describe(workspace, table);
        ItemKey itemKey = itemKey(schema, key, true);
        Condition condition = new Condition(false, ifVersion);
        boolean[] existed = new boolean[1];
        write(workspace, table, itemKey, current -> {
            condition.check(table, current);
            existed[0] = current.isPresent();
            return Optional.empty();
        });
        return existed[0];
    }

    /** The attribute's new value and the item's new version. */
    public record Incremented(BigDecimal value, long version) {
    }

    /**
     * Adds {@code by} to a numeric attribute atomically, creating the item (with its key) and the attribute
     * (at 0) when absent. Concurrent increments of one item are applied one after the other; none is lost.
     *
     * @throws StateException INVALID when the attribute holds something other than a number
     */
    public Incremented increment(WorkspaceId workspace, String table, JsonNode key, String attribute, BigDecimal by) {
        Table schema = describe(workspace, table);
        ItemKey itemKey = itemKey(schema, key, true);
        checkAttributeName("attribute", attribute);
        if (attribute.equals(schema.partitionKey()) || attribute.equals(schema.sortKey())) {
            throw StateException.invalid("'" + attribute + "' is a key attribute of '" + table
                    + "', and keys cannot change: increment another attribute");
        }
        if (by == null) {
            throw StateException.invalid("increment needs 'by', the number to add (negative to subtract)");
        }
        checkNumber("by", by);
        BigDecimal[] value = new BigDecimal[1];
        VersionedItem written = write(workspace, table, itemKey, current -> {
            ObjectNode item = current.map(c -> (ObjectNode) read(c.document())).orElseGet(() -> (ObjectNode) key.deepCopy());
            JsonNode old = item.get(attribute);
            if (old != null && !old.isNumber()) {
                throw StateException.invalid("the attribute '" + attribute + "' holds " + kind(old)
                        + ", not a number, so it cannot be incremented");
            }
            BigDecimal sum = (old == null ? BigDecimal.ZERO : old.decimalValue()).add(by);
            checkNumber(attribute, sum);
            item.set(attribute, number(sum));
            String document = write(item);
            checkSize(table, document);
            value[0] = sum;
            return Optional.of(document);
        }).orElseThrow();
        return new Incremented(value[0], written.version());
    }

    // ---- queries ----

    /** What a query asks: a partition, at most one sort-key condition, a page size, and where to go on from. */
    public record Query(JsonNode partitionKey, String sortKeyPrefix, JsonNode sortKeyFrom, JsonNode sortKeyTo,
                        Integer limit, String next) {
    }

    /** One page of a query: items in sort-key order, and the token of the next page (null on the last). */
    public record Page(List<VersionedItem> items, String next) {
    }

    public Page query(WorkspaceId workspace, String table, Query query) {
        Table schema = describe(workspace, table);
        String partition = keyText("partitionKey", schema.partitionKeyType(), query.partitionKey(),
                MAX_PARTITION_BYTES);
        boolean ranged = query.sortKeyFrom() != null || query.sortKeyTo() != null;
        if ((query.sortKeyPrefix() != null || ranged) && !schema.hasSortKey()) {
            throw StateException.invalid("the table '" + table + "' has no sort key, so a query takes only its"
                    + " partitionKey");
        }
        if (query.sortKeyPrefix() != null && ranged) {
            throw StateException.invalid("a query takes sortKeyPrefix or sortKeyFrom/sortKeyTo, not both");
        }
        if (query.sortKeyPrefix() != null && schema.sortKeyType() != KeyType.STRING) {
            throw StateException.invalid("sortKeyPrefix needs a string sort key; '" + schema.sortKey()
                    + "' is a number: use sortKeyFrom and sortKeyTo");
        }
        int limit = pageSize(query.limit());
        SortRange range = SortRange.ALL;
        if (query.sortKeyPrefix() != null) {
            range = new SortRange(hex(query.sortKeyPrefix()), null, null, null, null);
        } else if (ranged) {
            ItemKey from = query.sortKeyFrom() == null ? null : sortKey(schema, "sortKeyFrom", query.sortKeyFrom());
            ItemKey to = query.sortKeyTo() == null ? null : sortKey(schema, "sortKeyTo", query.sortKeyTo());
            range = new SortRange(null, from == null || from.sortNumber() != null ? null : from.sort(),
                    to == null || to.sortNumber() != null ? null : to.sort(),
                    from == null ? null : from.sortNumber(), to == null ? null : to.sortNumber());
        }
        ItemKey after = query.next() == null ? null : fromToken(schema, query.next());
        List<VersionedItem> items = new ArrayList<>(store.query(workspace, schema, partition, range, after, limit + 1));
        String next = null;
        if (items.size() > limit) {
            items.subList(limit, items.size()).clear();
            next = token(itemKey(schema, read(items.getLast().document()), false));
        }
        return new Page(List.copyOf(items), next);
    }

    /** What a scan asks: the items whose partition key starts with a prefix (null: all), a page size, where to go on. */
    public record Scan(String partitionKeyPrefix, Integer limit, String next) {
    }

    /**
     * The whole table's items in key order (partition key by character, then sort key), a page at a time: what a
     * key-value view of a table lists (Workers KV's {@code list}). DynamoDB's Scan has no order; this one has.
     */
    public Page scan(WorkspaceId workspace, String table, Scan scan) {
        Table schema = describe(workspace, table);
        if (scan.partitionKeyPrefix() != null && schema.partitionKeyType() != KeyType.STRING) {
            throw StateException.invalid("partitionKeyPrefix needs a string partition key; '" + schema.partitionKey()
                    + "' is a number");
        }
        int limit = pageSize(scan.limit());
        ItemKey after = scan.next() == null ? null : fromScanToken(schema, scan.next());
        String prefix = scan.partitionKeyPrefix() == null || scan.partitionKeyPrefix().isEmpty() ? null
                : scan.partitionKeyPrefix();
        List<VersionedItem> items = new ArrayList<>(store.scan(workspace, schema, prefix, after, limit + 1));
        String next = null;
        if (items.size() > limit) {
            items.subList(limit, items.size()).clear();
            ItemKey last = itemKey(schema, read(items.getLast().document()), false);
            next = Base64.getUrlEncoder().withoutPadding().encodeToString((hex(last.partition()) + ":" + last.sort())
                    .getBytes(StandardCharsets.UTF_8));
        }
        return new Page(List.copyOf(items), next);
    }

    private static int pageSize(Integer limit) {
        if (limit == null) {
            return DEFAULT_QUERY_LIMIT;
        }
        if (limit < 1 || limit > MAX_QUERY_LIMIT) {
            throw StateException.invalid("limit must be between 1 and " + MAX_QUERY_LIMIT + ", not " + limit);
        }
        return limit;
    }

    /** A scan's token: the last item's partition key in hex, ':', and its sort key as the store orders it. */
    private static ItemKey fromScanToken(Table schema, String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            String partition = new String(HEX.parseHex(text.substring(0, colon)), StandardCharsets.UTF_8);
            String sort = text.substring(colon + 1);
            return new ItemKey(partition, sort, schema.sortKeyType() == KeyType.NUMBER ? new BigDecimal(sort) : null);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw StateException.invalid("the page token '" + token + "' is not one a scan of '" + schema.name()
                    + "' returned: pass the 'next' of the previous page unchanged");
        }
    }

    // ---- keys and items ----

    /** The item's address; {@code exact} refuses attributes other than the key's (a key, not an item). */
    ItemKey itemKey(Table schema, JsonNode item, boolean exact) {
        if (item == null || !item.isObject()) {
            throw StateException.invalid("a key is a JSON object of the key attribute"
                    + (schema.hasSortKey() ? "s " : " ") + describeKeys(schema) + ", not " + kind(item));
        }
        int expected = schema.hasSortKey() ? 2 : 1;
        if (exact && item.size() != expected) {
            throw StateException.invalid("a key of '" + schema.name() + "' holds exactly " + describeKeys(schema)
                    + ", not " + item.properties().stream().map(e -> e.getKey()).toList());
        }
        String partition = keyText(schema.partitionKey(), schema.partitionKeyType(), item.get(schema.partitionKey()),
                MAX_PARTITION_BYTES);
        if (!schema.hasSortKey()) {
            return new ItemKey(partition, "", null);
        }
        ItemKey sort = sortKey(schema, schema.sortKey(), item.get(schema.sortKey()));
        return new ItemKey(partition, sort.sort(), sort.sortNumber());
    }

    /** A sort key value as the store orders it (partition left empty). */
    private ItemKey sortKey(Table schema, String what, JsonNode value) {
        String text = keyText(what, schema.sortKeyType(), value, MAX_SORT_BYTES);
        return schema.sortKeyType() == KeyType.NUMBER ? new ItemKey("", text, new BigDecimal(text))
                : new ItemKey("", hex(text), null);
    }

    /** A key value's text: a non-empty string, or a number in canonical form; refuses the wrong type. */
    private static String keyText(String attribute, KeyType type, JsonNode value, int maxBytes) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            throw StateException.invalid("the key attribute '" + attribute + "' is missing: every item needs it");
        }
        if (type == KeyType.STRING) {
            if (!value.isTextual()) {
                throw StateException.invalid("the key attribute '" + attribute + "' must be a string, not "
                        + kind(value));
            }
            String text = value.textValue();
            if (text.isEmpty()) {
                throw StateException.invalid("the key attribute '" + attribute + "' must not be empty");
            }
            if (text.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
                throw StateException.invalid("the key attribute '" + attribute + "' is over " + maxBytes
                        + " bytes (DynamoDB's limit for this key)");
            }
            return text;
        }
        if (!value.isNumber()) {
            throw StateException.invalid("the key attribute '" + attribute + "' must be a number, not " + kind(value));
        }
        BigDecimal number = value.decimalValue();
        checkNumber(attribute, number);
        return canonical(number);
    }

    private static void checkNumber(String what, BigDecimal number) {
        BigDecimal stripped = number.stripTrailingZeros();
        if (stripped.precision() - stripped.scale() > MAX_INTEGER_DIGITS || stripped.scale() > MAX_FRACTION_DIGITS) {
            throw StateException.invalid("'" + what + "' is " + number.toPlainString() + ": numbers here have at"
                    + " most " + MAX_INTEGER_DIGITS + " digits before the point and " + MAX_FRACTION_DIGITS + " after");
        }
    }

    /** 1.50 and 1.5 are one number, as in DynamoDB. */
    private static String canonical(BigDecimal number) {
        BigDecimal stripped = number.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    static JsonNode number(BigDecimal value) {
        String text = canonical(value);
        return text.contains(".") ? JSON.getNodeFactory().numberNode(new BigDecimal(text))
                : JSON.getNodeFactory().numberNode(new java.math.BigInteger(text));
    }

    /** Writes through the store within the table's item count and the workspace's storage quota. */
    private Optional<VersionedItem> write(WorkspaceId workspace, String table, ItemKey key, TableStore.Change change) {
        return store.write(workspace, table, key, limits.maxItemsPerTable(), storage.bytesOf(workspace), now(),
                change);
    }

    private void checkSize(String table, String document) {
        int bytes = document.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > limits.maxItemBytes()) {
            throw new StateException(StateException.Reason.QUOTA_EXCEEDED, "the item is " + bytes
                    + " bytes of JSON, over the limit of " + limits.maxItemBytes() + " bytes per item (DynamoDB's"
                    + " 400 KB): keep large data in a bucket and store its key in '" + table + "'");
        }
    }

    private static String hex(String text) {
        return HEX.formatHex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A page token: the last item's sort key as the store orders it, opaque to callers. */
    private static String token(ItemKey last) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(last.sort().getBytes(StandardCharsets.UTF_8));
    }

    private static ItemKey fromToken(Table schema, String token) {
        try {
            String sort = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (schema.sortKeyType() == KeyType.NUMBER) {
                return new ItemKey("", sort, new BigDecimal(sort));
            }
            if (sort.isEmpty() || !sort.matches("([0-9a-f]{2})+")) {
                throw new IllegalArgumentException("not hex");
            }
            return new ItemKey("", sort, null);
        } catch (IllegalArgumentException e) {
            throw StateException.invalid("the page token '" + token + "' is not one a query of '" + schema.name()
                    + "' returned: pass the 'next' of the previous page unchanged");
        }
    }

    static JsonNode read(String document) {
        try {
            return JSON.readTree(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored item is not JSON", e);
        }
    }

    private static String write(JsonNode item) {
        try {
            return JSON.writeValueAsString(item);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree is always JSON", e);
        }
    }

    /** An item's document as a JSON tree, numbers exact. */
    public static ObjectNode item(VersionedItem item) {
        return (ObjectNode) read(item.document());
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw StateException.invalid("the table name '" + name
                    + "' must be 3 to 255 letters, digits, dots, hyphens or underscores (DynamoDB's rule)");
        }
    }

    private static void checkAttributeName(String field, String name) {
        if (name == null || name.isEmpty() || name.length() > 255) {
            throw StateException.invalid("'" + field + "' must name an attribute: 1 to 255 characters, not "
                    + (name == null ? "missing" : name.length() + " characters"));
        }
    }

    private static String describeKeys(Table table) {
        return table.partitionKey() + " (" + table.partitionKeyType().label() + ")"
                + (table.hasSortKey() ? " and " + table.sortKey() + " (" + table.sortKeyType().label() + ")" : "");
    }

    static String kind(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        return switch (value.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** No such table, with what to do about it. */
    public static StateException notFound(String table) {
        return new StateException(StateException.Reason.TABLE_NOT_FOUND, "there is no table named '" + table
                + "' in this workspace: create it first (PUT /api/tables/" + table + ")");
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.epochMillis());
    }
}
