package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.logs.LogEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The buckets' REST API")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BucketsApiTest {

    TestServer server;
    Path data;

    @BeforeAll
    void start(@TempDir Path temp) throws Exception {
        data = temp.resolve("data");
        server = new TestServer(data);
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    /** The key as a path: each character percent-encoded but '/', and the unreserved ones and '.' as they are. */
    static String path(String bucket, String key) {
        StringBuilder path = new StringBuilder("/api/buckets/" + bucket + "/objects/");
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c == '/' || c == '.' || c == '-' || c == '_' || c == '~' || (c < 128 && Character.isLetterOrDigit(c))) {
                path.append(c);
            } else {
                path.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return path.toString();
    }

    TestServer.Reply putBytes(String path, byte[] body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return server.send(request.build());
    }

    TestServer.Reply head(String path) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    }

    @Nested
    @DisplayName("for buckets")
    class ForBuckets {

        @Test
        @DisplayName("creates, describes, lists, refuses to delete one that holds objects (409 BucketNotEmpty), then deletes")
        void lifecycle() {
            TestServer.Reply created = server.put("/api/buckets/life", "");
            assertEquals(201, created.status(), created.body());
            assertEquals("arn:aws:s3:::life", created.json().path("arn").asText());
            assertEquals(List.of("name", "arn", "objectCount", "bytes", "createdAt"),
                    QueueTriggerTest.fieldNames(created.json()));
            OpenApiTest.assertDescribed(created, "put", "/api/buckets/{bucket}");
            assertEquals(200, server.put("/api/buckets/life", "").status(), "again: nothing changes");
            assertEquals(200, putBytes(path("life", "a.txt"), "hello".getBytes(StandardCharsets.UTF_8), "text/plain").status());
            TestServer.Reply described = server.get("/api/buckets/life");
            assertEquals(1, described.json().path("objectCount").asInt());
            assertEquals(5, described.json().path("bytes").asInt());
            OpenApiTest.assertDescribed(described, "get", "/api/buckets/{bucket}");
            OpenApiTest.assertDescribed(server.get("/api/buckets"), "get", "/api/buckets");
            assertEquals(List.of("buckets"), QueueTriggerTest.fieldNames(server.get("/api/buckets").json()));
            TestServer.Reply notEmpty = server.delete("/api/buckets/life");
            assertEquals(409, notEmpty.status(), notEmpty.body());
            assertEquals("BucketNotEmpty", notEmpty.json().path("error").path("code").asText());
            OpenApiTest.assertDescribed(notEmpty, "delete", "/api/buckets/{bucket}");
            assertEquals(204, server.delete(path("life", "a.txt")).status());
            TestServer.Reply deleted = server.delete("/api/buckets/life");
            assertEquals(204, deleted.status(), deleted.body());
            assertEquals(404, server.get("/api/buckets/life").status());
            assertFalse(Files.exists(data.resolve("buckets/local/life")), "its directory went with it");
        }

        @Test
        @DisplayName("refuses bad names with 400 and unknown buckets with 404")
        void refusals() {
            for (String name : new String[] {"ab", "Upper", "a..b", "-dash", "x".repeat(64)}) {
                TestServer.Reply reply = server.put("/api/buckets/" + name, "");
                assertEquals(400, reply.status(), name + ": " + reply.body());
                assertTrue(reply.json().path("error").path("message").asText().contains("bucket name"), reply.body());
            }
            TestServer.Reply missing = putBytes(path("nowhere", "k"), new byte[1], null);
            assertEquals(404, missing.status(), missing.body());
            OpenApiTest.assertDescribed(missing, "put", "/api/buckets/{bucket}/objects/{key}");
        }
    }

    @Nested
    @DisplayName("for objects")
    class ForObjects {

        @Test
        @DisplayName("round-trips binary bytes with their content type, ETag (MD5 in quotes) and length")
        void binaryRoundTrip() throws Exception {
            server.put("/api/buckets/bytes", "");
            byte[] bytes = new byte[300_000];
            new Random(7).nextBytes(bytes);
            String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
            TestServer.Reply put = putBytes(path("bytes", "img/cat.png"), bytes, "image/png");
            assertEquals(200, put.status(), put.body());
            assertEquals("\"" + md5 + "\"", put.header("ETag"));
            assertEquals("{\"key\":\"img/cat.png\",\"etag\":\"\\\"" + md5 + "\\\"\",\"size\":300000}", put.body());
            OpenApiTest.assertDescribed(put, "put", "/api/buckets/{bucket}/objects/{key}");
            TestServer.Reply got = server.get(path("bytes", "img/cat.png"));
            assertArrayEquals(bytes, got.response().body());
            assertEquals("image/png", got.header("Content-Type"));
            assertEquals("\"" + md5 + "\"", got.header("ETag"));
            assertEquals(Integer.toString(bytes.length), got.header("Content-Length"));
            OpenApiTest.assertDescribed(got, "get", "/api/buckets/{bucket}/objects/{key}");
            TestServer.Reply headed = head(path("bytes", "img/cat.png"));
            assertEquals(200, headed.status());
            assertEquals(Integer.toString(bytes.length), headed.header("Content-Length"));
            assertEquals(0, headed.response().body().length);
            OpenApiTest.assertDescribed(headed, "head", "/api/buckets/{bucket}/objects/{key}");
            assertEquals(404, head(path("bytes", "img/dog.png")).status());
            TestServer.Reply missing = server.get(path("bytes", "img/dog.png"));
            assertEquals(404, missing.status());
            OpenApiTest.assertDescribed(missing, "get", "/api/buckets/{bucket}/objects/{key}");
            assertEquals("application/octet-stream", head(path("bytes", "img/cat.png")).header("Content-Type").equals("image/png")
                    ? "application/octet-stream" : "wrong");
            putBytes(path("bytes", "plain"), new byte[] {1}, null);
            assertEquals("application/octet-stream", head(path("bytes", "plain")).header("Content-Type"),
                    "S3's default content type");
        }

        @Test
        @DisplayName("keeps keys with '../', '/', '%', '//' and unicode as keys, never as paths: every file stays in the bucket's directory")
        void hostileKeys() throws IOException {
            server.put("/api/buckets/hostile", "");
            List<String> keys = List.of("../../escape", "a/../../b", "/leading", "dir/sub/file.txt", "café ☕/ñ.txt",
                    "100%", "a//b", "..", "con", "x\\..\\y");
            for (String key : keys) {
                TestServer.Reply put = putBytes(path("hostile", key), key.getBytes(StandardCharsets.UTF_8), "text/plain");
                assertEquals(200, put.status(), key + ": " + put.body());
                assertEquals(key, put.json().path("key").asText());
            }
            for (String key : keys) {
                assertEquals(key, server.get(path("hostile", key)).body(), "the object of " + key);
            }
            JsonNode listed = server.get("/api/buckets/hostile/objects").json();
            List<String> listedKeys = new ArrayList<>();
            listed.path("objects").forEach(o -> listedKeys.add(o.path("key").asText()));
            assertEquals(new TreeSet<>(keys), new TreeSet<>(listedKeys));
            Path bucketDirectory = data.resolve("buckets/local/hostile");
            try (Stream<Path> files = Files.walk(data.getParent())) {
                List<Path> objectFiles = files.filter(Files::isRegularFile)
                        .filter(f -> !f.getFileName().toString().startsWith("faaslab.")).toList();
                assertEquals(keys.size(), objectFiles.stream().filter(f -> f.startsWith(bucketDirectory)).count(),
                        "one file per object in the bucket's directory: " + objectFiles);
                for (Path file : objectFiles) {
                    assertTrue(file.startsWith(data.resolve("buckets")), file + " is under the buckets' directory");
                    assertTrue(file.getFileName().toString().matches("[0-9a-f-]{36}"), file + " is named by an id");
                }
            }
        }

        @Test
        @DisplayName("lists in key order, with prefix, delimiter and continuation tokens")
        void listing() {
            server.put("/api/buckets/listing", "");
            for (String key : List.of("b", "a/1", "a/2", "a/3/x", "c/1", "a0", "é")) {
                putBytes(path("listing", key), new byte[] {1}, null);
            }
            List<String> all = new ArrayList<>();
            String token = null;
            int pages = 0;
            do {
                TestServer.Reply page = server.get("/api/buckets/listing/objects?maxKeys=3"
                        + (token == null ? "" : "&continuationToken=" + token));
                assertEquals(200, page.status(), page.body());
                OpenApiTest.assertDescribed(page, "get", "/api/buckets/{bucket}/objects");
                assertEquals(List.of("objects", "commonPrefixes", "keyCount", "isTruncated", "nextContinuationToken"),
                        QueueTriggerTest.fieldNames(page.json()));
                assertEquals(List.of("key", "size", "etag", "contentType", "lastModified"),
                        QueueTriggerTest.fieldNames(page.json().path("objects").get(0)));
                page.json().path("objects").forEach(o -> all.add(o.path("key").asText()));
                token = page.json().path("nextContinuationToken").isNull() ? null
                        : page.json().path("nextContinuationToken").asText();
                assertEquals(token != null, page.json().path("isTruncated").asBoolean());
                pages++;
            } while (token != null);
            assertEquals(List.of("a/1", "a/2", "a/3/x", "a0", "b", "c/1", "é"), all, "by UTF-8 bytes");
            assertEquals(3, pages);
            JsonNode folders = server.get("/api/buckets/listing/objects?delimiter=/").json();
            assertEquals("[\"a/\",\"c/\"]", folders.path("commonPrefixes").toString());
            assertEquals(3, folders.path("objects").size(), "a0, b and é");
            JsonNode paged = server.get("/api/buckets/listing/objects?delimiter=/&maxKeys=1").json();
            assertEquals("[\"a/\"]", paged.path("commonPrefixes").toString());
            JsonNode next = server.get("/api/buckets/listing/objects?delimiter=/&maxKeys=2&continuationToken="
                    + paged.path("nextContinuationToken").asText()).json();
            assertEquals("a0", next.path("objects").get(0).path("key").asText(), "after every key under a/: " + next);
            JsonNode under = server.get("/api/buckets/listing/objects?prefix=a/&delimiter=/").json();
            assertEquals("[\"a/3/\"]", under.path("commonPrefixes").toString());
            assertEquals(2, under.path("objects").size());
            for (String bad : List.of("maxKeys=0", "maxKeys=1001", "continuationToken=forged")) {
                TestServer.Reply reply = server.get("/api/buckets/listing/objects?" + bad);
                assertEquals(400, reply.status(), bad);
                OpenApiTest.assertDescribed(reply, "get", "/api/buckets/{bucket}/objects");
            }
        }

        @Test
        @DisplayName("refuses an object over 10 MB with 413 QuotaExceeded, and keeps nothing of it")
        void tooLarge() {
            server.put("/api/buckets/large", "");
            TestServer.Reply reply = putBytes(path("large", "big"), new byte[10 * 1024 * 1024 + 1], null);
            assertEquals(413, reply.status(), reply.body());
            assertEquals("QuotaExceeded", reply.json().path("error").path("code").asText());
            OpenApiTest.assertDescribed(reply, "put", "/api/buckets/{bucket}/objects/{key}");
            assertEquals(0, server.get("/api/buckets/large").json().path("objectCount").asInt());
        }
    }

    @Nested
    @DisplayName("for notifications")
    class ForNotifications {

        static final String RECORDER = """
                export const handler = async (event) => {
                  console.log('EVENT ' + JSON.stringify(event));
                  return 'seen';
                };""";

        @Test
        @DisplayName("invokes a subscribed function with S3's exact event, for matching keys only")
        void deliversS3Events() throws Exception {
            server.deployJs("recorder", RECORDER, "");
            server.put("/api/buckets/uploads", "");
            TestServer.Reply subscribed = server.post("/api/buckets/uploads/subscriptions",
                    "{\"id\":\"txt-files\",\"function\":\"recorder\",\"events\":[\"ObjectCreated:*\",\"ObjectRemoved:*\"],"
                            + "\"prefix\":\"in/\",\"suffix\":\".txt\"}");
            assertEquals(201, subscribed.status(), subscribed.body());
            OpenApiTest.assertDescribed(subscribed, "post", "/api/buckets/{bucket}/subscriptions");
            assertEquals(List.of("id", "bucket", "function", "events", "prefix", "suffix", "createdAt"),
                    names(subscribed.json()));
            assertEquals(List.of("subscriptions"), names(server.get("/api/buckets/uploads/subscriptions").json()));
            OpenApiTest.assertDescribed(server.get("/api/buckets/uploads/subscriptions"), "get",
                    "/api/buckets/{bucket}/subscriptions");
            putBytes(path("uploads", "in/photo.png"), new byte[] {1}, null);
            putBytes(path("uploads", "out/note.txt"), new byte[] {1}, null);
            byte[] text = "hello".getBytes(StandardCharsets.UTF_8);
            TestServer.Reply put = putBytes(path("uploads", "in/my note.txt"), text, "text/plain");
            assertEquals(204, server.delete(path("uploads", "in/my note.txt")).status());
            assertEquals(204, server.delete(path("uploads", "in/never there.txt")).status(), "as S3: no such key is no error");

            List<JsonNode> events = awaitEvents("recorder", 2);
            JsonNode created = events.stream().filter(e -> e.at("/Records/0/eventName").asText().equals("ObjectCreated:Put"))
                    .findFirst().orElseThrow();
            JsonNode record = created.path("Records").get(0);
            assertEquals(1, created.path("Records").size());
            assertEquals(List.of("eventVersion", "eventSource", "awsRegion", "eventTime", "eventName", "userIdentity",
                    "requestParameters", "responseElements", "s3"), names(record));
            assertEquals("2.1", record.path("eventVersion").asText());
            assertEquals("aws:s3", record.path("eventSource").asText());
            assertEquals("us-east-1", record.path("awsRegion").asText());
            assertTrue(record.path("eventTime").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"),
                    record.path("eventTime").asText());
            assertEquals("127.0.0.1", record.at("/requestParameters/sourceIPAddress").asText());
            JsonNode s3 = record.path("s3");
            assertEquals(List.of("s3SchemaVersion", "configurationId", "bucket", "object"), names(s3));
            assertEquals("1.0", s3.path("s3SchemaVersion").asText());
            assertEquals("txt-files", s3.path("configurationId").asText());
            assertEquals("{\"name\":\"uploads\",\"ownerIdentity\":{\"principalId\":\"000000000000\"},"
                    + "\"arn\":\"arn:aws:s3:::uploads\"}", s3.path("bucket").toString());
            assertEquals(List.of("key", "size", "eTag", "sequencer"), names(s3.path("object")));
            assertEquals("in/my+note.txt", s3.at("/object/key").asText(), "URL-encoded as S3 does");
            assertEquals(5, s3.at("/object/size").asInt());
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text)),
                    s3.at("/object/eTag").asText());
            JsonNode removed = events.stream().filter(e -> e.at("/Records/0/eventName").asText().equals("ObjectRemoved:Delete"))
                    .findFirst().orElseThrow();
            assertEquals(List.of("key", "sequencer"), names(removed.at("/Records/0/s3/object")));
            assertTrue(removed.at("/Records/0/s3/object/sequencer").asText()
                    .compareTo(s3.at("/object/sequencer").asText()) > 0, "the sequencer grows");
            // Everything that could have been sent was decided before each reply: nothing more is coming.
            Await.until("both invocations to be counted", Duration.ofSeconds(60),
                    () -> server.platform.totals(WorkspaceId.LOCAL, "recorder").invocations() >= 2);
            assertEquals(2, server.platform.totals(WorkspaceId.LOCAL, "recorder").invocations(),
                    "the .png, the key outside in/ and the key that was never there sent nothing");

            TestServer.Reply unsubscribed = server.delete("/api/buckets/uploads/subscriptions/txt-files");
            assertEquals(204, unsubscribed.status());
            OpenApiTest.assertDescribed(unsubscribed, "delete", "/api/buckets/{bucket}/subscriptions/{id}");
            assertEquals(404, server.delete("/api/buckets/uploads/subscriptions/txt-files").status());
        }

        @Test
        @DisplayName("refuses a subscription to a missing function or an unknown event with 400")
        void refusals() {
            server.put("/api/buckets/refusing", "");
            TestServer.Reply noFunction = server.post("/api/buckets/refusing/subscriptions", "{\"function\":\"ghost\"}");
            assertEquals(400, noFunction.status(), noFunction.body());
            assertTrue(noFunction.body().contains("no function named 'ghost'"), noFunction.body());
            OpenApiTest.assertDescribed(noFunction, "post", "/api/buckets/{bucket}/subscriptions");
            server.deployJs("recorder", RECORDER, "");
            TestServer.Reply badEvent = server.post("/api/buckets/refusing/subscriptions",
                    "{\"function\":\"recorder\",\"events\":[\"ObjectCreated:Copy\"]}");
            assertEquals(400, badEvent.status(), badEvent.body());
            assertEquals(400, server.post("/api/buckets/refusing/subscriptions",
                    "{\"function\":\"recorder\",\"filter\":{}}").status(), "unknown field");
        }

        List<JsonNode> awaitEvents(String function, int count) {
            List<JsonNode> events = new ArrayList<>();
            try {
            Await.until(count + " events in the log of " + function, Duration.ofSeconds(120), () -> {
                events.clear();
                for (LogEntry entry : server.platform.logTail(WorkspaceId.LOCAL, function, 1000)) {
                    int at = entry.text().indexOf("EVENT {");
                    if (at >= 0) {
                        try {
                            events.add(TestServer.JSON.readTree(entry.text().substring(at + "EVENT ".length())));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }
                return events.size() >= count;
            });
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; the log: " + server.platform.logTail(WorkspaceId.LOCAL, function, 50)
                        + "; totals " + server.platform.totals(WorkspaceId.LOCAL, function));
            }
            return events;
        }

        List<String> names(JsonNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            return names;
        }
    }

    @Test
    @DisplayName("keeps buckets and objects across a restart on the same data directory")
    void restart(@TempDir Path own) throws Exception {
        byte[] bytes = {0, 1, 2, (byte) 255};
        try (TestServer first = new TestServer(own)) {
            first.put("/api/buckets/kept", "");
            first.send(HttpRequest.newBuilder(first.uri(path("kept", "k/ü"))).header("Content-Type", "application/x-demo")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
        }
        try (TestServer second = new TestServer(own)) {
            TestServer.Reply got = second.get(path("kept", "k/ü"));
            assertEquals(200, got.status(), got.body());
            assertArrayEquals(bytes, got.response().body());
            assertEquals("application/x-demo", got.header("Content-Type"));
            assertNull(second.get("/api/buckets/kept/objects").json().path("nextContinuationToken").textValue());
        }
    }
}
