package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("The tables' REST API")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TablesApiTest {

    TestServer server;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        server = new TestServer(data);
        assertEquals(201, server.put("/api/tables/scores",
                "{\"partitionKey\":\"user\",\"sortKey\":\"at\",\"sortKeyType\":\"number\"}").status());
        assertEquals(201, server.put("/api/tables/counters", "{\"partitionKey\":\"id\"}").status());
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @Nested
    @DisplayName("for tables")
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ForTables {

        @Test
        @DisplayName("creates with 201, again with 200, describes, lists and deletes, as documented")
        void crud() {
            TestServer.Reply created = server.put("/api/tables/crud", "{\"partitionKey\":\"id\",\"partitionKeyType\":\"number\"}");
            assertEquals(201, created.status(), created.body());
            OpenApiTest.assertDescribed(created, "put", "/api/tables/{table}");
            TestServer.Reply again = server.put("/api/tables/crud", "{\"partitionKey\":\"id\",\"partitionKeyType\":\"number\"}");
            assertEquals(200, again.status(), again.body());
            TestServer.Reply conflict = server.put("/api/tables/crud", "{\"partitionKey\":\"name\"}");
            assertEquals(409, conflict.status(), conflict.body());
            OpenApiTest.assertDescribed(conflict, "put", "/api/tables/{table}");
            TestServer.Reply described = server.get("/api/tables/crud");
            assertEquals(List.of("name", "partitionKey", "partitionKeyType", "itemCount", "createdAt"),
                    QueueTriggerTest.fieldNames(described.json()), "a table without a sort key shows no sortKey fields");
            assertEquals(List.of("name", "partitionKey", "partitionKeyType", "sortKey", "sortKeyType", "itemCount",
                    "createdAt"), QueueTriggerTest.fieldNames(server.get("/api/tables/scores").json()));
            assertEquals("number", described.json().path("partitionKeyType").asText());
            assertEquals(0, described.json().path("itemCount").asInt());
            OpenApiTest.assertDescribed(described, "get", "/api/tables/{table}");
            TestServer.Reply listed = server.get("/api/tables");
            assertTrue(listed.json().path("tables").findValuesAsText("name").contains("crud"), listed.body());
            assertEquals(List.of("tables"), QueueTriggerTest.fieldNames(listed.json()));
            OpenApiTest.assertDescribed(listed, "get", "/api/tables");
            TestServer.Reply deleted = server.delete("/api/tables/crud");
            assertEquals(204, deleted.status());
            OpenApiTest.assertDescribed(deleted, "delete", "/api/tables/{table}");
            TestServer.Reply gone = server.get("/api/tables/crud");
            assertEquals(404, gone.status());
            OpenApiTest.assertDescribed(gone, "get", "/api/tables/{table}");
        }

        Stream<Arguments> badTables() {
            return Stream.of(
                    Arguments.of("/api/tables/ab", "{\"partitionKey\":\"id\"}", "table name 'ab'"),
                    Arguments.of("/api/tables/bad1", "{}", "'partitionKey' is missing"),
                    Arguments.of("/api/tables/bad1", "{\"partitionKey\":7}", "'partitionKey' must be a string"),
                    Arguments.of("/api/tables/bad1", "{\"partitionKey\":\"id\",\"colour\":1}", "unknown field 'colour'"),
                    Arguments.of("/api/tables/bad1", "{\"partitionKey\":\"id\",\"partitionKeyType\":\"date\"}",
                            "'partitionKeyType' is 'string' or 'number'"),
                    Arguments.of("/api/tables/bad1", "{\"partitionKey\":\"id\",\"sortKeyType\":\"number\"}",
                            "sortKeyType needs a sortKey"),
                    Arguments.of("/api/tables/bad1", "{\"partitionKey\":", "malformed JSON"));
        }

        @ParameterizedTest(name = "PUT {0} {1} → 400 saying {2}")
        @MethodSource("badTables")
        @DisplayName("refuses a bad table with 400 naming the field")
        void badTable(String path, String body, String says) {
            TestServer.Reply reply = server.put(path, body);
            assertEquals(400, reply.status(), reply.body());
            assertTrue(reply.json().path("error").path("message").asText().contains(says), reply.body());
            OpenApiTest.assertDescribed(reply, "put", "/api/tables/{table}");
        }
    }

    @Nested
    @DisplayName("for items")
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ForItems {

        @Test
        @DisplayName("puts, gets and deletes by the key in the path, with versions and conditions")
        void itemsAndConditions() {
            String path = "/api/tables/scores/items/ada%20l/1";
            TestServer.Reply created = server.put(path + "?ifAbsent=true", "{\"score\":10}");
            assertEquals(201, created.status(), created.body());
            assertEquals("{\"item\":{\"score\":10,\"user\":\"ada l\",\"at\":1},\"version\":1}", created.body());
            OpenApiTest.assertDescribed(created, "put", "/api/tables/{table}/items/{partitionKey}/{sortKey}");
            TestServer.Reply absent = server.put(path + "?ifAbsent=true", "{\"score\":11}");
            assertEquals(409, absent.status(), absent.body());
            assertEquals("ConditionalCheckFailed", absent.json().path("error").path("code").asText());
            OpenApiTest.assertDescribed(absent, "put", "/api/tables/{table}/items/{partitionKey}/{sortKey}");
            assertEquals(200, server.put(path + "?ifVersion=1", "{\"score\":12}").status());
            assertEquals(409, server.put(path + "?ifVersion=1", "{\"score\":13}").status(), "version 1 is gone");
            TestServer.Reply read = server.get(path);
            assertEquals(12, read.json().path("item").path("score").asInt(), read.body());
            assertEquals(2, read.json().path("version").asInt());
            OpenApiTest.assertDescribed(read, "get", "/api/tables/{table}/items/{partitionKey}/{sortKey}");
            assertEquals(409, server.delete(path + "?ifVersion=1").status());
            TestServer.Reply deleted = server.delete(path + "?ifVersion=2");
            assertEquals(204, deleted.status(), deleted.body());
            OpenApiTest.assertDescribed(deleted, "delete", "/api/tables/{table}/items/{partitionKey}/{sortKey}");
            TestServer.Reply gone = server.get(path);
            assertEquals(404, gone.status());
            OpenApiTest.assertDescribed(gone, "get", "/api/tables/{table}/items/{partitionKey}/{sortKey}");
            assertEquals(404, server.delete(path).status());
        }

        Stream<Arguments> badItems() {
            return Stream.of(
                    Arguments.of("/api/tables/scores/items/ada/one", "{}", "sortKey must be a number"),
                    Arguments.of("/api/tables/scores/items/ada", "{}", "has a sort key"),
                    Arguments.of("/api/tables/counters/items/x/1", "{}", "has no sort key"),
                    Arguments.of("/api/tables/scores/items/ada/1", "{\"user\":\"ben\"}", "the path says"),
                    Arguments.of("/api/tables/scores/items/ada/1", "[1]", "an item is a JSON object"),
                    Arguments.of("/api/tables/scores/items/ada/1?ifVersion=0", "{}", "ifVersion must be"),
                    Arguments.of("/api/tables/scores/items/ada/1?ifAbsent=maybe", "{}", "ifAbsent must be true or false"),
                    Arguments.of("/api/tables/scores/items/ada/1?ifAbsent=true&ifVersion=2", "{}", "cannot both be set"));
        }

        @ParameterizedTest(name = "PUT {0} {1} → 400 saying {2}")
        @MethodSource("badItems")
        @DisplayName("refuses a bad item or key with 400 saying what is wrong")
        void badItem(String path, String body, String says) {
            TestServer.Reply reply = server.put(path, body);
            assertEquals(400, reply.status(), reply.body());
            assertTrue(reply.json().path("error").path("message").asText().contains(says), reply.body());
        }

        @Test
        @DisplayName("refuses an item over 400 KB with 413 QuotaExceeded")
        void tooLarge() {
            TestServer.Reply reply = server.put("/api/tables/counters/items/big",
                    "{\"text\":\"" + "x".repeat(400 * 1024) + "\"}");
            assertEquals(413, reply.status(), reply.body());
            assertEquals("QuotaExceeded", reply.json().path("error").path("code").asText());
            OpenApiTest.assertDescribed(reply, "put", "/api/tables/{table}/items/{partitionKey}");
        }

        @Test
        @DisplayName("queries a partition by sort-key range, a page at a time")
        void queries() {
            for (int at = 1; at <= 5; at++) {
                assertEquals(201, server.put("/api/tables/scores/items/query%2Fme/" + at, "{}").status());
            }
            TestServer.Reply first = server.get("/api/tables/scores/items?partitionKey=query%2Fme&sortKeyFrom=2&limit=2");
            assertEquals(200, first.status(), first.body());
            OpenApiTest.assertDescribed(first, "get", "/api/tables/{table}/items");
            assertEquals(List.of(2, 3), ats(first.json()));
            assertEquals(List.of("items", "next"), QueueTriggerTest.fieldNames(first.json()));
            assertEquals(List.of("item", "version"), QueueTriggerTest.fieldNames(first.json().path("items").get(0)));
            TestServer.Reply second = server.get("/api/tables/scores/items?partitionKey=query%2Fme&sortKeyFrom=2&limit=2&next="
                    + first.json().path("next").asText());
            assertEquals(List.of(4, 5), ats(second.json()));
            TestServer.Reply bad = server.get("/api/tables/scores/items?partitionKey=x&limit=0");
            assertEquals(400, bad.status());
            OpenApiTest.assertDescribed(bad, "get", "/api/tables/{table}/items");
            assertEquals(400, server.get("/api/tables/scores/items").status(), "partitionKey is required");
        }

        private List<Integer> ats(JsonNode page) {
            List<Integer> ats = new ArrayList<>();
            page.path("items").forEach(item -> ats.add(item.path("item").path("at").asInt()));
            return ats;
        }
    }

    @Nested
    @DisplayName("for increments")
    class ForIncrements {

        @Test
        @DisplayName("from 20 concurrent clients, 50 each, ends at exactly 1,000")
        void concurrentClients() {
            String body = "{\"key\":{\"id\":\"http-visits\"},\"attribute\":\"count\",\"by\":1}";
            List<CompletableFuture<Void>> clients = new ArrayList<>();
            for (int client = 0; client < 20; client++) {
                clients.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 50; i++) {
                        TestServer.Reply reply = server.post("/api/tables/counters/increment", body);
                        if (reply.status() != 200) {
                            throw new AssertionError("an increment failed: " + reply.status() + " " + reply.body());
                        }
                    }
                }, Thread::startVirtualThread));
            }
            clients.forEach(CompletableFuture::join);
            TestServer.Reply read = server.get("/api/tables/counters/items/http-visits");
            assertEquals(1000, read.json().path("item").path("count").asInt(), read.body());
            assertEquals(1000, read.json().path("version").asInt(), read.body());
        }

        @Test
        @DisplayName("answers the new value and version, and refuses a non-number")
        void answers() {
            TestServer.Reply reply = server.post("/api/tables/counters/increment",
                    "{\"key\":{\"id\":\"answers\"},\"attribute\":\"n\",\"by\":2.5}");
            assertEquals("{\"value\":2.5,\"version\":1}", reply.body());
            OpenApiTest.assertDescribed(reply, "post", "/api/tables/{table}/increment");
            TestServer.Reply bad = server.post("/api/tables/counters/increment",
                    "{\"key\":{\"id\":\"answers\"},\"attribute\":\"n\",\"by\":\"1\"}");
            assertEquals(400, bad.status(), bad.body());
            OpenApiTest.assertDescribed(bad, "post", "/api/tables/{table}/increment");
        }
    }

    @Test
    @DisplayName("keeps tables and items across a restart on the same data directory")
    void restart(@TempDir Path own) throws Exception {
        try (TestServer first = new TestServer(own)) {
            first.put("/api/tables/kept", "{\"partitionKey\":\"id\"}");
            first.put("/api/tables/kept/items/a", "{\"n\":1}");
            first.put("/api/tables/kept/items/a", "{\"n\":2}");
        }
        try (TestServer second = new TestServer(own)) {
            assertEquals(1, second.get("/api/tables/kept").json().path("itemCount").asInt());
            assertEquals("{\"item\":{\"n\":2,\"id\":\"a\"},\"version\":2}", second.get("/api/tables/kept/items/a").body());
        }
    }
}
