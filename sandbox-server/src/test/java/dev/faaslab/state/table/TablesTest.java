package dev.faaslab.state.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.runtime.sdk.SdkException;
import dev.faaslab.state.StateException;
import dev.faaslab.store.Database;
import dev.faaslab.store.JdbcTableStore;
import dev.faaslab.time.ManualClock;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.faaslab.store.TestDatabase;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.Parameter;

@DisplayName("Key-value tables")
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class TablesTest {

    /** The store contract suite: each test runs on H2 and on PostgreSQL. */
    @Parameter
    TestDatabase engine;

    /** Numbers as the service reads them: exact. */
    private static final ObjectMapper JSON = Tables.JSON;
    /** Equal numbers are equal, whatever node holds them (1 in an int, a long or a BigInteger). */
    private static final Comparator<JsonNode> NUMERIC = (a, b) -> a.equals(b)
            || a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0 ? 0 : 1;
    private static final WorkspaceId ANA = new WorkspaceId("ana");
    private static final WorkspaceId BEN = new WorkspaceId("ben");

    @TempDir
    Path temp;

    private Database database;
    private Tables tables;

    @BeforeEach
    void open() {
        database = engine.open(temp.resolve("data"));
        tables = new Tables(new JdbcTableStore(database.dataSource()), new ManualClock(1_795_000_000_000L), new TableLimits(3, 8, 1000));
    }

    @AfterEach
    void close() {
        database.close();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void scores() {
        tables.create(ANA, "scores", "user", KeyType.STRING, "at", KeyType.NUMBER);
    }

    @Nested
    @DisplayName("as tables")
    class AsTables {

        @Test
        @DisplayName("are created once, described with their item count, listed by name and deleted with their items")
        void lifecycle() {
            assertTrue(tables.create(ANA, "users", "id", null, null, null).created());
            assertFalse(tables.create(ANA, "users", "id", KeyType.STRING, null, null).created(),
                    "the same keys again change nothing");
            StateException other = assertThrows(StateException.class,
                    () -> tables.create(ANA, "users", "email", null, null, null));
            assertEquals(StateException.Reason.ALREADY_EXISTS, other.reason());
            tables.put(ANA, "users", json("{\"id\":\"ada\"}"), Tables.Condition.NONE);
            assertEquals(1, tables.describe(ANA, "users").itemCount());
            scores();
            assertEquals(List.of("scores", "users"), tables.list(ANA).stream().map(Table::name).toList());
            assertEquals(List.of(), tables.list(BEN), "another workspace sees none of them");
            tables.delete(ANA, "users");
            assertEquals(StateException.Reason.TABLE_NOT_FOUND,
                    assertThrows(StateException.class, () -> tables.describe(ANA, "users")).reason());
            tables.create(ANA, "users", "id", null, null, null);
            assertTrue(tables.get(ANA, "users", json("{\"id\":\"ada\"}")).isEmpty(), "its items went with it");
        }

        @Test
        @DisplayName("refuse bad names and keys, and a workspace past its number of tables")
        void refusals() {
            for (String name : new String[] {"ab", "has space", "a/b", "x".repeat(256)}) {
                assertEquals(StateException.Reason.INVALID, assertThrows(StateException.class,
                        () -> tables.create(ANA, name, "id", null, null, null)).reason(), name);
            }
            assertEquals(StateException.Reason.INVALID, assertThrows(StateException.class,
                    () -> tables.create(ANA, "same", "id", null, "id", null)).reason());
            tables.create(ANA, "one", "id", null, null, null);
            tables.create(ANA, "two", "id", null, null, null);
            tables.create(ANA, "three", "id", null, null, null);
            StateException quota = assertThrows(StateException.class,
                    () -> tables.create(ANA, "four", "id", null, null, null));
            assertEquals(StateException.Reason.QUOTA_EXCEEDED, quota.reason());
            assertTrue(quota.getMessage().contains("3 tables"), quota.getMessage());
            tables.create(BEN, "four", "id", null, null, null);
        }
    }

    @Nested
    @DisplayName("as items")
    class AsItems {

        @Test
        @DisplayName("count their JSON against the workspace's storage quota, with its buckets' objects, until deleted")
        void storageQuota() {
            dev.faaslab.state.bucket.Buckets buckets = new dev.faaslab.state.bucket.Buckets(
                    new dev.faaslab.store.JdbcBucketStore(database.dataSource()), temp.resolve("data/buckets"),
                    new ManualClock(1_795_000_000_000L), dev.faaslab.state.bucket.BucketLimits.DEFAULT,
                    new dev.faaslab.state.bucket.Buckets.Targets() {
                        @Override
                        public boolean exists(WorkspaceId workspace, String function) {
                            return false;
                        }

                        @Override
                        public void invokeAsync(WorkspaceId workspace, String function, String eventJson) {
                        }
                    });
            dev.faaslab.state.StorageQuota quota = workspace -> workspace.equals(ANA) ? 300 : 10_000;
            tables.limitEach(quota);
            buckets.limitEach(quota);
            scores();
            String padding = "x".repeat(80);
            // Each item is 111 bytes of JSON in UTF-8: {"user":"ada","at":1,"note":"x…x"} with 80 x's.
            JsonNode first = json("{\"user\":\"ada\",\"at\":1,\"note\":\"" + padding + "\"}");
            JsonNode second = json("{\"user\":\"ada\",\"at\":2,\"note\":\"" + padding + "\"}");
            tables.put(ANA, "scores", first, Tables.Condition.NONE);
            tables.put(ANA, "scores", second, Tables.Condition.NONE);
            buckets.create(ANA, "files");
            StateException objectOver = assertThrows(StateException.class, () -> buckets.put(ANA, "files", "a.txt",
                    new java.io.ByteArrayInputStream(new byte[79]), null, "10.0.0.1"));
            assertEquals(StateException.Reason.QUOTA_EXCEEDED, objectOver.reason());
            assertTrue(objectOver.getMessage().contains("tables and buckets hold 222 bytes"), objectOver.getMessage());
            buckets.put(ANA, "files", "a.txt", new java.io.ByteArrayInputStream(new byte[78]), null, "10.0.0.1");
            JsonNode third = json("{\"user\":\"ada\",\"at\":3}");
            StateException itemOver = assertThrows(StateException.class,
                    () -> tables.put(ANA, "scores", third, Tables.Condition.NONE));
            assertEquals(StateException.Reason.QUOTA_EXCEEDED, itemOver.reason());
            assertTrue(itemOver.getMessage().contains("over its storage quota of 300 bytes"), itemOver.getMessage());
            tables.create(BEN, "scores", "user", KeyType.STRING, "at", KeyType.NUMBER);
            assertEquals(1, tables.put(BEN, "scores", first, Tables.Condition.NONE), "another workspace's is its own");

            assertTrue(tables.delete(ANA, "scores", json("{\"user\":\"ada\",\"at\":1}"), null));
            assertEquals(1, tables.put(ANA, "scores", third, Tables.Condition.NONE), "a deleted item's bytes are free");
            JsonNode smaller = json("{\"user\":\"ada\",\"at\":2}");
            assertEquals(2, tables.put(ANA, "scores", smaller, Tables.Condition.NONE), "shrinking is always allowed");
        }

        @Test
        @DisplayName("carry a version from 1 that grows with each change, and keep numbers exact")
        void versions() {
            scores();
            assertEquals(1, tables.put(ANA, "scores", json("{\"user\":\"ada\",\"at\":1,\"score\":0.1}"), Tables.Condition.NONE));
            assertEquals(2, tables.put(ANA, "scores", json("{\"user\":\"ada\",\"at\":1.0,\"score\":12345678901234567890.5}"),
                    Tables.Condition.NONE), "1.0 and 1 are one key");
            VersionedItem item = tables.get(ANA, "scores", json("{\"user\":\"ada\",\"at\":1}")).orElseThrow();
            assertEquals(2, item.version());
            assertEquals(new BigDecimal("12345678901234567890.5"), Tables.item(item).get("score").decimalValue());
            assertTrue(tables.delete(ANA, "scores", json("{\"user\":\"ada\",\"at\":1}"), null));
            assertFalse(tables.delete(ANA, "scores", json("{\"user\":\"ada\",\"at\":1}"), null));
            assertEquals(1, tables.put(ANA, "scores", json("{\"user\":\"ada\",\"at\":1}"), Tables.Condition.NONE),
                    "a new item starts again at 1");
        }

        @Test
        @DisplayName("are written only when ifAbsent or ifVersion holds")
        void conditions() {
            scores();
            JsonNode item = json("{\"user\":\"ada\",\"at\":1}");
            JsonNode key = json("{\"user\":\"ada\",\"at\":1}");
            assertEquals(1, tables.put(ANA, "scores", item, new Tables.Condition(true, null)));
            StateException present = assertThrows(StateException.class,
                    () -> tables.put(ANA, "scores", item, new Tables.Condition(true, null)));
            assertEquals(StateException.Reason.CONDITION_FAILED, present.reason());
            assertEquals(2, tables.put(ANA, "scores", item, new Tables.Condition(false, 1L)));
            StateException stale = assertThrows(StateException.class,
                    () -> tables.put(ANA, "scores", item, new Tables.Condition(false, 1L)));
            assertEquals(StateException.Reason.CONDITION_FAILED, stale.reason());
            assertTrue(stale.getMessage().contains("at version 2, not at version 1"), stale.getMessage());
            assertEquals(StateException.Reason.CONDITION_FAILED, assertThrows(StateException.class,
                    () -> tables.delete(ANA, "scores", key, 1L)).reason());
            assertTrue(tables.delete(ANA, "scores", key, 2L));
            assertEquals(StateException.Reason.CONDITION_FAILED, assertThrows(StateException.class,
                    () -> tables.put(ANA, "scores", item, new Tables.Condition(false, 2L))).reason(),
                    "an absent item is at no version");
            assertEquals(2, tables.get(ANA, "scores", key).map(VersionedItem::version).orElse(2L),
                    "nothing was written");
        }

        @Test
        @DisplayName("refuse a missing or mistyped key, a key with other attributes, and an item over the size limit")
        void refusals() {
            scores();
            for (String item : new String[] {"{\"at\":1}", "{\"user\":1,\"at\":1}", "{\"user\":\"ada\",\"at\":\"1\"}",
                    "{\"user\":\"\",\"at\":1}", "[1]", "{\"user\":\"ada\",\"at\":1e40}"}) {
                assertEquals(StateException.Reason.INVALID, assertThrows(StateException.class,
                        () -> tables.put(ANA, "scores", json(item), Tables.Condition.NONE)).reason(), item);
            }
            assertEquals(StateException.Reason.INVALID, assertThrows(StateException.class,
                    () -> tables.get(ANA, "scores", json("{\"user\":\"ada\",\"at\":1,\"x\":2}"))).reason());
            StateException large = assertThrows(StateException.class, () -> tables.put(ANA, "scores",
                    json("{\"user\":\"ada\",\"at\":1,\"text\":\"" + "x".repeat(1000) + "\"}"), Tables.Condition.NONE));
            assertEquals(StateException.Reason.QUOTA_EXCEEDED, large.reason());
            assertTrue(large.getMessage().contains("over the limit of 1000 bytes"), large.getMessage());
            assertEquals(StateException.Reason.TABLE_NOT_FOUND, assertThrows(StateException.class,
                    () -> tables.put(ANA, "nowhere", json("{\"id\":\"x\"}"), Tables.Condition.NONE)).reason());
        }

        @Test
        @DisplayName("stop at the table's item limit, and make room again when one is deleted")
        void itemLimit() {
            tables.create(ANA, "small", "id", KeyType.NUMBER, null, null);
            for (int i = 1; i <= 8; i++) {
                tables.put(ANA, "small", json("{\"id\":" + i + "}"), Tables.Condition.NONE);
            }
            tables.put(ANA, "small", json("{\"id\":8,\"again\":true}"), Tables.Condition.NONE);
            StateException full = assertThrows(StateException.class,
                    () -> tables.put(ANA, "small", json("{\"id\":9}"), Tables.Condition.NONE));
            assertEquals(StateException.Reason.QUOTA_EXCEEDED, full.reason());
            assertTrue(full.getMessage().contains("holds 8 items, its limit"), full.getMessage());
            assertEquals(StateException.Reason.QUOTA_EXCEEDED, assertThrows(StateException.class,
                    () -> tables.increment(ANA, "small", json("{\"id\":9}"), "n", BigDecimal.ONE)).reason());
            tables.delete(ANA, "small", json("{\"id\":1}"), null);
            tables.put(ANA, "small", json("{\"id\":9}"), Tables.Condition.NONE);
            assertEquals(8, tables.describe(ANA, "small").itemCount());
        }
    }

    @Nested
    @DisplayName("when incremented")
    class Increments {

        @Test
        @DisplayName("create the item and the attribute at 0, and refuse a key or a non-number")
        void createsAndRefuses() {
            tables.create(ANA, "counters", "id", null, null, null);
            Tables.Incremented first = tables.increment(ANA, "counters", json("{\"id\":\"hits\"}"), "n", new BigDecimal("2.5"));
            assertEquals(0, new BigDecimal("2.5").compareTo(first.value()));
            assertEquals(1, first.version());
            Tables.Incremented second = tables.increment(ANA, "counters", json("{\"id\":\"hits\"}"), "n", new BigDecimal("-0.5"));
            assertEquals(0, BigDecimal.valueOf(2).compareTo(second.value()));
            assertEquals("{\"id\":\"hits\",\"n\":2}", tables.get(ANA, "counters", json("{\"id\":\"hits\"}")).orElseThrow().document());
            tables.put(ANA, "counters", json("{\"id\":\"text\",\"n\":\"many\"}"), Tables.Condition.NONE);
            assertEquals(StateException.Reason.INVALID, assertThrows(StateException.class,
                    () -> tables.increment(ANA, "counters", json("{\"id\":\"text\"}"), "n", BigDecimal.ONE)).reason());
            assertEquals(StateException.Reason.INVALID, assertThrows(StateException.class,
                    () -> tables.increment(ANA, "counters", json("{\"id\":\"hits\"}"), "id", BigDecimal.ONE)).reason());
        }

        @Test
        @DisplayName("from 20 threads, 50 each, all at once, end at exactly 1,000 and version 1,000")
        void concurrently() throws Exception {
            tables = new Tables(new JdbcTableStore(database.dataSource()), new ManualClock(1_795_000_000_000L), TableLimits.DEFAULT);
            tables.create(ANA, "counters", "id", null, null, null);
            JsonNode key = json("{\"id\":\"visits\"}");
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(20);
            try {
                List<Future<Void>> done = new ArrayList<>();
                for (int t = 0; t < 20; t++) {
                    done.add(threads.submit((Callable<Void>) () -> {
                        start.await();
                        for (int i = 0; i < 50; i++) {
                            tables.increment(ANA, "counters", key, "count", BigDecimal.ONE);
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<Void> future : done) {
                    future.get();
                }
            } finally {
                threads.shutdownNow();
            }
            VersionedItem item = tables.get(ANA, "counters", key).orElseThrow();
            assertEquals(1000, Tables.item(item).get("count").intValue(), "no increment was lost");
            assertEquals(1000, item.version(), "each increment made one version");
        }
    }

    @Nested
    @DisplayName("when queried")
    class Queries {

        @Test
        @DisplayName("list one partition by numeric sort key, within a range, a page at a time")
        void numericRangesAndPages() {
            scores();
            for (int at : new int[] {10, 2, 33, 1, 20, 100}) {
                tables.put(ANA, "scores", json("{\"user\":\"ada\",\"at\":" + at + "}"), Tables.Condition.NONE);
            }
            tables.put(ANA, "scores", json("{\"user\":\"ben\",\"at\":5}"), Tables.Condition.NONE);
            assertEquals(List.of(1, 2, 10, 20, 33, 100), ats(query("ada", null, null, null, null, null).items()),
                    "by value, not as text");
            assertEquals(List.of(2, 10, 20), ats(query("ada", null, json("2"), json("20"), null, null).items()),
                    "between, inclusive");
            List<Integer> paged = new ArrayList<>();
            String next = null;
            int pages = 0;
            do {
                Tables.Page page = query("ada", null, json("2"), null, 2, next);
                paged.addAll(ats(page.items()));
                next = page.next();
                pages++;
            } while (next != null);
            assertEquals(List.of(2, 10, 20, 33, 100), paged);
            assertEquals(3, pages, "2 + 2 + 1");
        }

        @Test
        @DisplayName("order string sort keys by their UTF-8 bytes and match a prefix")
        void stringPrefixes() {
            tables.create(ANA, "events", "user", null, "at", null);
            for (String at : new String[] {"2026-11-02", "2026-10-31", "2026-11-01", "2025-01-01", "2026-11-01~", "é", "Z"}) {
                tables.put(ANA, "events", json("{\"user\":\"ada\",\"at\":\"" + at + "\"}"), Tables.Condition.NONE);
            }
            Tables.Page all = tables.query(ANA, "events", new Tables.Query(json("\"ada\""), null, null, null, null, null));
            assertEquals(List.of("2025-01-01", "2026-10-31", "2026-11-01", "2026-11-01~", "2026-11-02", "Z", "é"),
                    texts(all.items()));
            Tables.Page november = tables.query(ANA, "events", new Tables.Query(json("\"ada\""), "2026-11", null, null, null, null));
            assertEquals(List.of("2026-11-01", "2026-11-01~", "2026-11-02"), texts(november.items()));
            Tables.Page from = tables.query(ANA, "events", new Tables.Query(json("\"ada\""), null, json("\"2026-11-01\""),
                    null, 1, null));
            assertEquals(List.of("2026-11-01"), texts(from.items()));
            Tables.Page rest = tables.query(ANA, "events", new Tables.Query(json("\"ada\""), null, json("\"2026-11-01\""),
                    json("\"2026-11-02\""), 10, from.next()));
            assertEquals(List.of("2026-11-01~", "2026-11-02"), texts(rest.items()));
            assertNull(rest.next());
        }

        @Test
        @DisplayName("refuse a prefix with a range, a prefix on numbers, a bad limit and a forged token")
        void refusals() {
            scores();
            List<Tables.Query> bad = List.of(
                    new Tables.Query(json("\"ada\""), "1", json("1"), null, null, null),
                    new Tables.Query(json("\"ada\""), "1", null, null, null, null),
                    new Tables.Query(json("\"ada\""), null, json("\"one\""), null, null, null),
                    new Tables.Query(json("\"ada\""), null, null, null, 0, null),
                    new Tables.Query(json("\"ada\""), null, null, null, 1001, null),
                    new Tables.Query(json("\"ada\""), null, null, null, null, "not a token!"),
                    new Tables.Query(json("1"), null, null, null, null, null));
            for (Tables.Query query : bad) {
                assertEquals(StateException.Reason.INVALID, assertThrows(StateException.class,
                        () -> tables.query(ANA, "scores", query)).reason(), query.toString());
            }
        }

        @Test
        @DisplayName("scan the whole table in key order, by a partition key's prefix (wildcards matching themselves), a page at a time")
        void scans() {
            tables.create(ANA, "cache", "key", null, null, null);
            for (String key : new String[] {"user:2", "user:10", "user_1", "user%", "admin", "user:1", "é", "Z"}) {
                tables.put(ANA, "cache", json("{\"key\":\"" + key + "\"}"), Tables.Condition.NONE);
            }
            assertEquals(List.of("Z", "admin", "user%", "user:1", "user:10", "user:2", "user_1", "é"),
                    keys(tables.scan(ANA, "cache", new Tables.Scan(null, null, null)).items()), "by character");
            assertEquals(List.of("user:1", "user:10", "user:2"),
                    keys(tables.scan(ANA, "cache", new Tables.Scan("user:", null, null)).items()));
            assertEquals(List.of("user_1"), keys(tables.scan(ANA, "cache", new Tables.Scan("user_", null, null)).items()),
                    "_ is no wildcard");
            assertEquals(List.of("user%"), keys(tables.scan(ANA, "cache", new Tables.Scan("user%", null, null)).items()));
            List<String> paged = new ArrayList<>();
            String next = null;
            do {
                Tables.Page page = tables.scan(ANA, "cache", new Tables.Scan("user", 2, next));
                paged.addAll(keys(page.items()));
                next = page.next();
            } while (next != null);
            assertEquals(List.of("user%", "user:1", "user:10", "user:2", "user_1"), paged);
            scores();
            for (String item : new String[] {"{\"user\":\"b\",\"at\":10}", "{\"user\":\"a\",\"at\":2}",
                    "{\"user\":\"b\",\"at\":9}", "{\"user\":\"a\",\"at\":1}"}) {
                tables.put(ANA, "scores", json(item), Tables.Condition.NONE);
            }
            Tables.Page first = tables.scan(ANA, "scores", new Tables.Scan(null, 3, null));
            Tables.Page rest = tables.scan(ANA, "scores", new Tables.Scan(null, 3, first.next()));
            assertEquals(List.of("a1", "a2", "b9", "b10"), java.util.stream.Stream.concat(first.items().stream(),
                    rest.items().stream()).map(i -> Tables.item(i).get("user").textValue() + Tables.item(i).get("at"))
                    .toList(), "then by sort key, numbers as numbers, across pages");
            assertNull(rest.next());
            assertEquals(StateException.Reason.INVALID, assertThrows(StateException.class,
                    () -> tables.scan(ANA, "cache", new Tables.Scan(null, null, "forged"))).reason());
            assertEquals(StateException.Reason.INVALID, assertThrows(StateException.class,
                    () -> tables.scan(ANA, "cache", new Tables.Scan(null, 1001, null))).reason());
        }

        private List<String> keys(List<VersionedItem> items) {
            return items.stream().map(item -> Tables.item(item).get("key").textValue()).toList();
        }

        private Tables.Page query(String user, String prefix, JsonNode from, JsonNode to, Integer limit, String next) {
            return tables.query(ANA, "scores", new Tables.Query(json("\"" + user + "\""), prefix, from, to, limit, next));
        }

        private List<Integer> ats(List<VersionedItem> items) {
            return items.stream().map(item -> Tables.item(item).get("at").intValue()).toList();
        }

        private List<String> texts(List<VersionedItem> items) {
            return items.stream().map(item -> Tables.item(item).get("at").textValue()).toList();
        }
    }

    @Nested
    @DisplayName("through the SDK")
    class ThroughTheSdk {

        @Test
        @DisplayName("get, put, delete, increment and query with the documented results")
        void operations() {
            TableSdk sdk = new TableSdk(tables);
            scores();
            assertJson(json("{\"item\":null,\"version\":null}"),
                    sdk.call(ANA, "get", json("{\"table\":\"scores\",\"key\":{\"user\":\"ada\",\"at\":1}}")));
            assertJson(json("{\"version\":1}"), sdk.call(ANA, "put",
                    json("{\"table\":\"scores\",\"item\":{\"user\":\"ada\",\"at\":1,\"s\":\"x\"},\"ifAbsent\":true}")));
            assertJson(json("{\"item\":{\"user\":\"ada\",\"at\":1,\"s\":\"x\"},\"version\":1}"),
                    sdk.call(ANA, "get", json("{\"table\":\"scores\",\"key\":{\"user\":\"ada\",\"at\":1}}")));
            assertJson(json("{\"value\":3,\"version\":2}"), sdk.call(ANA, "increment",
                    json("{\"table\":\"scores\",\"key\":{\"user\":\"ada\",\"at\":1},\"attribute\":\"n\",\"by\":3}")));
            JsonNode page = sdk.call(ANA, "query", json("{\"table\":\"scores\",\"partitionKey\":\"ada\",\"limit\":10}"));
            assertJson(json("{\"items\":[{\"item\":{\"user\":\"ada\",\"at\":1,\"s\":\"x\",\"n\":3},\"version\":2}],"
                    + "\"next\":null}"), page);
            assertJson(json("{\"deleted\":true}"), sdk.call(ANA, "delete",
                    json("{\"table\":\"scores\",\"key\":{\"user\":\"ada\",\"at\":1},\"ifVersion\":2}")));
            assertJson(json("{\"deleted\":false}"), sdk.call(ANA, "delete",
                    json("{\"table\":\"scores\",\"key\":{\"user\":\"ada\",\"at\":1}}")));
        }

        @Test
        @DisplayName("describe a table's keys and scan it in key order")
        void describeAndScan() {
            TableSdk sdk = new TableSdk(tables);
            scores();
            assertJson(json("{\"name\":\"scores\",\"partitionKey\":\"user\",\"partitionKeyType\":\"string\","
                    + "\"sortKey\":\"at\",\"sortKeyType\":\"number\",\"itemCount\":0}"),
                    sdk.call(ANA, "describe", json("{\"table\":\"scores\"}")));
            sdk.call(ANA, "put", json("{\"table\":\"scores\",\"item\":{\"user\":\"bo\",\"at\":1}}"));
            sdk.call(ANA, "put", json("{\"table\":\"scores\",\"item\":{\"user\":\"ada\",\"at\":1}}"));
            JsonNode page = sdk.call(ANA, "scan", json("{\"table\":\"scores\",\"partitionKeyPrefix\":\"\",\"limit\":1}"));
            assertJson(json("[{\"item\":{\"user\":\"ada\",\"at\":1},\"version\":1}]"), page.get("items"));
            JsonNode rest = sdk.call(ANA, "scan", json("{\"table\":\"scores\",\"next\":\"" + page.get("next").asText() + "\"}"));
            assertJson(json("{\"items\":[{\"item\":{\"user\":\"bo\",\"at\":1},\"version\":1}],\"next\":null}"), rest);
            assertCode("ResourceNotFoundException", () -> sdk.call(ANA, "describe", json("{\"table\":\"nope\"}")));
            assertCode("ValidationException", () -> sdk.call(ANA, "scan", json("{\"table\":\"scores\",\"prefix\":\"a\"}")));
        }

        @Test
        @DisplayName("refuse with AWS's codes: ConditionalCheckFailedException, ResourceNotFoundException, ValidationException, QuotaExceeded")
        void codes() {
            TableSdk sdk = new TableSdk(tables);
            scores();
            sdk.call(ANA, "put", json("{\"table\":\"scores\",\"item\":{\"user\":\"ada\",\"at\":1}}"));
            assertCode("ConditionalCheckFailedException", () -> sdk.call(ANA, "put",
                    json("{\"table\":\"scores\",\"item\":{\"user\":\"ada\",\"at\":1},\"ifAbsent\":true}")));
            assertCode("ConditionalCheckFailedException", () -> sdk.call(ANA, "put",
                    json("{\"table\":\"scores\",\"item\":{\"user\":\"ada\",\"at\":1},\"ifVersion\":7}")));
            assertCode("ResourceNotFoundException", () -> sdk.call(ANA, "get", json("{\"table\":\"nope\",\"key\":{\"id\":1}}")));
            assertCode("ResourceNotFoundException", () -> sdk.call(BEN, "get",
                    json("{\"table\":\"scores\",\"key\":{\"user\":\"ada\",\"at\":1}}")));
            assertCode("ValidationException", () -> sdk.call(ANA, "get", json("{\"table\":\"scores\"}")));
            assertCode("ValidationException", () -> sdk.call(ANA, "get", json("{\"table\":\"scores\",\"key\":{},\"x\":1}")));
            assertCode("ValidationException", () -> sdk.call(ANA, "put", json("{\"table\":7,\"item\":{}}")));
            assertCode("ValidationException", () -> sdk.call(ANA, "truncate", json("{}")));
            assertCode("ValidationException", () -> sdk.call(ANA, "put", json("[]")));
            assertCode("QuotaExceeded", () -> sdk.call(ANA, "put", json("{\"table\":\"scores\",\"item\":{\"user\":\"ada\","
                    + "\"at\":2,\"t\":\"" + "x".repeat(2000) + "\"}}")));
        }

        private static void assertJson(JsonNode expected, JsonNode actual) {
            assertTrue(expected.equals(NUMERIC, actual), "expected " + expected + " but was " + actual);
        }

        private void assertCode(String code, Runnable call) {
            SdkException e = assertThrows(SdkException.class, call::run);
            assertEquals(code, e.code(), e.getMessage());
        }
    }
}
