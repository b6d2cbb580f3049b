package dev.faaslab.state.bucket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.runtime.sdk.SdkException;
import dev.faaslab.state.StateException;
import dev.faaslab.store.Database;
import dev.faaslab.store.JdbcBucketStore;
import dev.faaslab.time.ManualClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
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

@DisplayName("Storage buckets")
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class BucketsTest {

    /** The store contract suite: each test runs on H2 and on PostgreSQL. */
    @Parameter
    TestDatabase engine;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final WorkspaceId ANA = new WorkspaceId("ana");
    private static final WorkspaceId BEN = new WorkspaceId("ben");

    @TempDir
    Path temp;

    private Database database;
    private Buckets buckets;
    /** What notifications would invoke: "function event". */
    private final List<String> invoked = new ArrayList<>();

    private final Buckets.Targets targets = new Buckets.Targets() {
        @Override
        public boolean exists(WorkspaceId workspace, String function) {
            return Set.of("resize", "audit").contains(function);
        }

        @Override
        public void invokeAsync(WorkspaceId workspace, String function, String eventJson) {
            invoked.add(function + " " + eventJson);
        }
    };

    @BeforeEach
    void open() {
        database = engine.open(temp.resolve("data"));
        buckets = open(new BucketLimits(2, 100));
        buckets.limitEach(workspace -> 250);
    }

    private Buckets open(BucketLimits limits) {
        return new Buckets(new JdbcBucketStore(database.dataSource()), temp.resolve("data/buckets"),
                new ManualClock(1_795_000_000_000L), limits, targets);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private StoredObject put(WorkspaceId workspace, String bucket, String key, int size) {
        return buckets.put(workspace, bucket, key, new ByteArrayInputStream(new byte[size]), null, "10.0.0.1");
    }

    @Nested
    @DisplayName("under quotas")
    class Quotas {

        @Test
        @DisplayName("refuse an object over the per-object limit, and the bytes past the workspace's quota")
        void bytes() {
            buckets.create(ANA, "one");
            buckets.create(ANA, "two");
            StateException large = assertThrows(StateException.class, () -> put(ANA, "one", "big", 101));
            assertEquals(StateException.Reason.QUOTA_EXCEEDED, large.reason());
            assertTrue(large.getMessage().contains("at most 100 bytes"), large.getMessage());
            put(ANA, "one", "a", 100);
            put(ANA, "two", "b", 100);
            StateException quota = assertThrows(StateException.class, () -> put(ANA, "two", "c", 51));
            assertEquals(StateException.Reason.QUOTA_EXCEEDED, quota.reason());
            assertTrue(quota.getMessage().contains("over its storage quota of 250 bytes"), quota.getMessage());
            put(ANA, "two", "b", 50);
            put(ANA, "two", "c", 100);
            assertEquals(250, buckets.bucket(ANA, "one").bytes() + buckets.bucket(ANA, "two").bytes(),
                    "a replaced object's bytes no longer count");
            buckets.create(BEN, "one");
            put(BEN, "one", "a", 100);
            assertEquals(StateException.Reason.QUOTA_EXCEEDED,
                    assertThrows(StateException.class, () -> buckets.create(ANA, "three")).reason(), "two buckets at most");
        }

        @Test
        @DisplayName("leave no file behind for an object they refuse")
        void noLeftovers() throws Exception {
            buckets.create(ANA, "one");
            put(ANA, "one", "a", 100);
            assertThrows(StateException.class, () -> put(ANA, "one", "b", 101));
            put(ANA, "one", "b", 100);
            assertThrows(StateException.class, () -> put(ANA, "one", "c", 100));
            assertThrows(StateException.class, () -> put(ANA, "one", "d", 51));
            try (Stream<Path> files = Files.list(temp.resolve("data/buckets/ana/one"))) {
                assertEquals(2, files.count(), "the files of a and b, nothing else");
            }
        }
    }

    @Nested
    @DisplayName("after an interrupted put")
    class Recovery {

        @Test
        @DisplayName("delete, when opened, the files no object names, and keep those that objects name")
        void sweepsOrphans() throws Exception {
            buckets.create(ANA, "one");
            StoredObject kept = put(ANA, "one", "kept", 10);
            Path directory = temp.resolve("data/buckets/ana/one");
            Files.write(directory.resolve(".put-0000"), new byte[3]);
            Files.write(directory.resolve("11111111-2222-3333-4444-555555555555"), new byte[3]);
            buckets = open(BucketLimits.DEFAULT);
            try (Stream<Path> files = Files.list(directory)) {
                assertEquals(List.of(directory.resolve(kept.fileName())), files.toList());
            }
            assertEquals(10, buckets.get(ANA, "one", "kept").bytes().length);
        }
    }

    @Nested
    @DisplayName("notifying functions")
    class Notifications {

        @Test
        @DisplayName("send each matching subscription one event, with its configurationId, and no event for a refused put")
        void matching() throws Exception {
            buckets = open(BucketLimits.DEFAULT);
            buckets.create(ANA, "photos");
            buckets.subscribe(ANA, "photos", "jpgs", "resize", List.of("ObjectCreated:Put"), "in/", ".jpg");
            buckets.subscribe(ANA, "photos", null, "audit", List.of("ObjectCreated:*", "ObjectRemoved:Delete"), null, null);
            put(ANA, "photos", "in/a.jpg", 3);
            put(ANA, "photos", "in/a.png", 3);
            buckets.delete(ANA, "photos", "in/a.jpg", "10.0.0.1");
            assertEquals(4, invoked.size(), String.join("\n", invoked));
            assertEquals(List.of("resize", "audit", "audit", "audit"), invoked.stream().map(i -> i.split(" ")[0]).toList());
            JsonNode first = JSON.readTree(invoked.getFirst().substring("resize ".length()));
            assertEquals("jpgs", first.at("/Records/0/s3/configurationId").asText());
            assertEquals("10.0.0.1", first.at("/Records/0/requestParameters/sourceIPAddress").asText());
            assertEquals("2026-11-18T11:06:40.000Z", first.at("/Records/0/eventTime").asText(), "the clock's time");
            assertEquals("ObjectRemoved:Delete", JSON.readTree(invoked.get(3).substring("audit ".length()))
                    .at("/Records/0/eventName").asText());
            assertThrows(StateException.class, () -> buckets.put(ANA, "photos", "in/b.jpg",
                    new ByteArrayInputStream(new byte[11 * 1024 * 1024]), null, null));
            assertEquals(4, invoked.size(), "a refused put sends nothing");
        }

        @Test
        @DisplayName("encode keys as S3 does: '+' for a space, '/' kept, the rest percent-encoded")
        void keyEncoding() {
            assertEquals("a/b+c%28%C3%A9%29%2B.txt", BucketEvents.encodeKey("a/b c(é)+.txt"));
        }
    }

    @Nested
    @DisplayName("through the SDK")
    class ThroughTheSdk {

        @Test
        @DisplayName("put, get, head, list and delete, in utf8 and base64, with the documented results")
        void operations() throws Exception {
            buckets = open(BucketLimits.DEFAULT);
            BucketSdk sdk = new BucketSdk(buckets);
            buckets.create(ANA, "docs");
            JsonNode put = sdk.call(ANA, "put", JSON.readTree("{\"bucket\":\"docs\",\"key\":\"a/ü.txt\",\"body\":\"héllo\","
                    + "\"contentType\":\"text/plain\"}"));
            assertEquals("{\"etag\":\"\\\"" + md5("héllo".getBytes(StandardCharsets.UTF_8)) + "\\\"\",\"size\":6}", put.toString());
            byte[] binary = {0, (byte) 0xff, 10};
            sdk.call(ANA, "put", JSON.readTree("{\"bucket\":\"docs\",\"key\":\"bin\",\"body\":\""
                    + Base64.getEncoder().encodeToString(binary) + "\",\"encoding\":\"base64\"}"));
            JsonNode got = sdk.call(ANA, "get", JSON.readTree("{\"bucket\":\"docs\",\"key\":\"bin\",\"encoding\":\"base64\"}"));
            assertArrayEquals(binary, Base64.getDecoder().decode(got.path("body").asText()));
            assertEquals("application/octet-stream", got.path("contentType").asText());
            assertEquals(List.of("body", "encoding", "contentType", "etag", "size", "lastModified"), names(got));
            JsonNode text = sdk.call(ANA, "get", JSON.readTree("{\"bucket\":\"docs\",\"key\":\"a/ü.txt\"}"));
            assertEquals("héllo", text.path("body").asText());
            assertEquals("utf8", text.path("encoding").asText());
            JsonNode head = sdk.call(ANA, "head", JSON.readTree("{\"bucket\":\"docs\",\"key\":\"a/ü.txt\"}"));
            assertEquals(List.of("contentType", "etag", "size", "lastModified"), names(head));
            JsonNode page = sdk.call(ANA, "list", JSON.readTree("{\"bucket\":\"docs\",\"maxKeys\":1}"));
            assertEquals("a/ü.txt", page.at("/objects/0/key").asText());
            JsonNode rest = sdk.call(ANA, "list", JSON.readTree("{\"bucket\":\"docs\",\"continuationToken\":\""
                    + page.path("nextContinuationToken").asText() + "\"}"));
            assertEquals("bin", rest.at("/objects/0/key").asText());
            assertTrue(rest.path("nextContinuationToken").isNull());
            assertEquals("{}", sdk.call(ANA, "delete", JSON.readTree("{\"bucket\":\"docs\",\"key\":\"bin\"}")).toString());
            assertFalse(buckets.list(ANA, "docs", null, null, null, null).objects().stream()
                    .anyMatch(o -> o.key().equals("bin")));
        }

        @Test
        @DisplayName("refuse with S3's codes: NoSuchBucket, NoSuchKey, ValidationException, QuotaExceeded")
        void codes() throws Exception {
            BucketSdk sdk = new BucketSdk(buckets);
            buckets.create(ANA, "docs");
            assertCode("NoSuchBucket", () -> sdk.call(ANA, "get", json("{\"bucket\":\"nope\",\"key\":\"k\"}")));
            assertCode("NoSuchBucket", () -> sdk.call(BEN, "get", json("{\"bucket\":\"docs\",\"key\":\"k\"}")));
            assertCode("NoSuchKey", () -> sdk.call(ANA, "get", json("{\"bucket\":\"docs\",\"key\":\"k\"}")));
            assertCode("NoSuchKey", () -> sdk.call(ANA, "head", json("{\"bucket\":\"docs\",\"key\":\"k\"}")));
            assertCode("ValidationException", () -> sdk.call(ANA, "put", json("{\"bucket\":\"docs\",\"key\":\"k\"}")));
            assertCode("ValidationException", () -> sdk.call(ANA, "put",
                    json("{\"bucket\":\"docs\",\"key\":\"k\",\"body\":\"x\",\"encoding\":\"hex\"}")));
            assertCode("ValidationException", () -> sdk.call(ANA, "put",
                    json("{\"bucket\":\"docs\",\"key\":\"k\",\"body\":\"!!\",\"encoding\":\"base64\"}")));
            assertCode("ValidationException", () -> sdk.call(ANA, "put", json("{\"bucket\":\"docs\",\"key\":\"\",\"body\":\"\"}")));
            assertCode("ValidationException", () -> sdk.call(ANA, "list", json("{\"bucket\":\"docs\",\"maxKeys\":0}")));
            assertCode("ValidationException", () -> sdk.call(ANA, "copy", json("{}")));
            assertCode("QuotaExceeded", () -> sdk.call(ANA, "put",
                    json("{\"bucket\":\"docs\",\"key\":\"k\",\"body\":\"" + "x".repeat(101) + "\"}")));
        }

        private JsonNode json(String text) throws Exception {
            return JSON.readTree(text);
        }

        private void assertCode(String code, org.junit.jupiter.api.function.Executable call) {
            SdkException e = assertThrows(SdkException.class, call);
            assertEquals(code, e.code(), e.getMessage());
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String md5(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(bytes));
    }
}
