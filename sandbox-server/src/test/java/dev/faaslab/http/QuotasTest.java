package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.faaslab.platform.PlatformLimits;
import dev.faaslab.platform.Quota;
import dev.faaslab.platform.Quotas;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A workspace's quotas")
class QuotasTest {

    static final int MB = 1024 * 1024;
    static final String RETURNS_ONE = "export const handler = async () => 1;";

    /** Small figures, so that a test reaches each quota in a few requests. */
    static final Quotas SMALL = new Quotas(100, 1_000, 2_500, 3, MB, 5, MB);

    @TempDir
    Path data;
    TestServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** JavaScript code of exactly {@code bytes} UTF-8 bytes: a handler, then a comment to fill. */
    static String codeOf(int bytes) {
        String head = RETURNS_ONE + "\n// ";
        String code = head + "x".repeat(bytes - head.length());
        assertEquals(bytes, code.getBytes(StandardCharsets.UTF_8).length);
        return code;
    }

    TestServer.Reply put(String name, String code) {
        return server.put("/api/functions/" + name, "{\"runtime\":\"nodejs\",\"code\":" + TextNode.valueOf(code) + "}");
    }

    TestServer.Reply publish(String name) {
        return server.post("/api/functions/" + name + "/versions", "");
    }

    /** The reply is {@code status} QuotaExceeded, naming {@code quota} and its figure. */
    static void assertRefused(TestServer.Reply reply, int status, String quota, long limit) {
        String body = reply.body().length() > 400 ? reply.body().substring(0, 400) + "…" : reply.body();
        assertEquals(status, reply.status(), body);
        JsonNode error = reply.json().path("error");
        assertEquals("QuotaExceeded", error.path("code").asText(), body);
        assertEquals(quota, error.path("quota").asText(), "the refusal names the quota: " + body);
        assertEquals(limit, error.path("limit").asLong(), body);
        assertTrue(error.path("message").asText().contains(quota), body);
    }

    static String readme() throws IOException {
        return Files.readString(Path.of("..", "README.md"));
    }

    /** How the README writes a quota's figure: bytes in MB, counts with thousands separators. */
    static String figure(Quota quota, long value) {
        boolean bytes = quota.field().contains("Bytes");
        return bytes && value % MB == 0 ? value / MB + " MB" : String.format(Locale.ROOT, "%,d", value);
    }

    @Test
    @DisplayName("are documented truly: the README's table gives each default figure")
    void documented() throws IOException {
        String readme = readme();
        for (Quota quota : Quota.values()) {
            String row = "| `" + quota.field() + "` | " + figure(quota, Quotas.DEFAULT.limit(quota)) + " ";
            assertTrue(readme.contains(row), "README.md has the row " + row);
            String status = quota.kind() == Quota.Kind.TOO_MANY ? "429" : "413";
            assertTrue(readme.lines().anyMatch(line -> line.startsWith(row) && line.endsWith("| " + status + " |")),
                    "README.md says " + quota.field() + " is refused with " + status);
        }
    }

    @Nested
    @DisplayName("with the default figures")
    class Defaults {

        @Test
        @DisplayName("refuse the 101st function with 429, and let one be created again after a delete")
        void refuseThe101stFunction() throws Exception {
            server = new TestServer(data);
            for (int i = 1; i <= 100; i++) {
                assertEquals(201, put("f" + i, RETURNS_ONE).status(), "function " + i);
            }
            TestServer.Reply refused = put("f101", RETURNS_ONE);
            assertRefused(refused, 429, "functionsPerWorkspace", 100);
            assertTrue(readme().contains("\n" + refused.body() + "\n"), "the README shows this refusal: " + refused.body());
            assertEquals(404, server.get("/api/functions/f101").status(), "nothing was saved");
            assertEquals(200, put("f7", "export const handler = async () => 7;").status(),
                    "an update is no new function");
            assertEquals(204, server.delete("/api/functions/f1").status());
            assertEquals(201, put("f101", RETURNS_ONE).status());
        }

        @Test
        @DisplayName("take code of 1 MB and refuse a byte more with 413, parsing nothing")
        void refuseCodeOver1Mb() throws Exception {
            server = new TestServer(data);
            assertEquals(201, put("big", codeOf(MB)).status());
            assertRefused(put("bigger", codeOf(MB + 1)), 413, "codeBytesPerFunction", MB);
            assertRefused(put("big", codeOf(MB + 1)), 413, "codeBytesPerFunction", MB);
            assertEquals(codeOf(MB), server.get("/api/functions/big").json().path("code").asText(),
                    "the refused update left the function as it was");
            // Measured before parsing: this would be a SyntaxError otherwise.
            assertRefused(put("broken", "{".repeat(MB + 1)), 413, "codeBytesPerFunction", MB);
        }

        @Test
        @DisplayName("count a package by its zip, and refuse one that unzips to more than five times the quota")
        void countPackagesByTheirZip() throws Exception {
            server = new TestServer(data);
            java.util.Map<String, byte[]> zeros = new java.util.TreeMap<>(java.util.Map.of(
                    "index.mjs", "export const handler = async () => 1;".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "zeros.bin", new byte[5 * MB - 100]));
            TestServer.Reply fits = putZip("fits", dev.faaslab.runtime.CodePackage.fromFiles(zeros).zip());
            assertEquals(201, fits.status(), "just under 5 MB unzipped, a few kilobytes zipped: " + fits.body());
            zeros.put("zeros.bin", new byte[5 * MB + 1]);
            TestServer.Reply refused = putZip("bomb", dev.faaslab.runtime.CodePackage.fromFiles(zeros).zip());
            assertRefused(refused, 413, "codeBytesPerFunction", MB);
            assertTrue(refused.body().contains("unzips to"), refused.body());
            byte[] noise = new byte[MB + 1];
            new java.util.Random(1).nextBytes(noise);
            TestServer.Reply overZipped = putZip("noise", dev.faaslab.runtime.CodePackage.fromFiles(java.util.Map.of(
                    "index.mjs", "export const handler = async () => 1;".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "noise.bin", noise)).zip());
            assertRefused(overZipped, 413, "codeBytesPerFunction", MB);
        }

        TestServer.Reply putZip(String name, byte[] zip) {
            return server.send(java.net.http.HttpRequest.newBuilder(server.uri("/api/functions/" + name + "?runtime=nodejs"))
                    .header("Content-Type", "application/zip").PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(zip)).build());
        }
    }

    @Nested
    @DisplayName("with small figures")
    class Small {

        @Test
        @DisplayName("refuse a fourth published version of a function with 429, but answer an unchanged publish")
        void refuseVersionsPastTheQuota() throws Exception {
            server = new TestServer(data, PlatformLimits.DEFAULT.withQuotas(SMALL));
            for (int v = 1; v <= 3; v++) {
                put("v", "export const handler = async () => " + v + ";");
                assertEquals(201, publish("v").status());
            }
            put("v", "export const handler = async () => 4;");
            assertRefused(publish("v"), 429, "versionsPerFunction", 3);
            assertEquals(3, server.get("/api/functions/v/versions").json().path("versions").size());

            put("v", "export const handler = async () => 3;");
            TestServer.Reply unchanged = publish("v");
            assertEquals(201, unchanged.status(), "nothing new to keep: " + unchanged.body());
            assertEquals("3", unchanged.json().path("version").asText());
        }

        @Test
        @DisplayName("count $LATEST and every version against the code storage, and free it on delete")
        void countCodeStorage() throws Exception {
            server = new TestServer(data, PlatformLimits.DEFAULT.withQuotas(SMALL));
            assertEquals(201, put("a", codeOf(900)).status());
            assertEquals(201, publish("a").status(), "1,800 bytes with its version");
            assertRefused(put("b", codeOf(900)), 413, "codeStorageBytes", 2_500);
            assertEquals(201, put("b", codeOf(700)).status(), "2,500 bytes: the quota, not over it");
            assertRefused(publish("b"), 413, "codeStorageBytes", 2_500);
            assertEquals(200, put("a", codeOf(100)).status(), "smaller code frees room: 1,700 bytes");
            assertEquals(201, publish("b").status(), "2,400 bytes");

            assertEquals(204, server.delete("/api/functions/a").status());
            assertEquals(201, put("c", codeOf(1_000)).status(), "a's code and version are gone: 2,400 bytes");
        }

        @Test
        @DisplayName("still hold after a restart, counted from what the database holds")
        void holdAfterARestart() throws Exception {
            PlatformLimits limits = PlatformLimits.DEFAULT.withQuotas(SMALL);
            server = new TestServer(data, limits);
            for (int v = 1; v <= 3; v++) {
                put("v", codeOf(500 + v));
                publish("v");
            }
            server.close();
            server = new TestServer(data, limits);
            put("v", codeOf(400));
            assertRefused(publish("v"), 429, "versionsPerFunction", 3);
            assertRefused(put("w", codeOf(700)), 413, "codeStorageBytes", 2_500);
            assertEquals(201, put("w", codeOf(594)).status(), "400 + 501 + 502 + 503 + 594 = 2,500 bytes");
        }

        @Test
        @DisplayName("are shown at GET /api/account beside what the workspace uses of each")
        void shownWithTheirUsage() throws Exception {
            server = new TestServer(data, PlatformLimits.DEFAULT.withQuotas(SMALL));
            put("a", codeOf(300));
            publish("a");
            put("a", codeOf(200));
            String fails = "export const handler = async () => { throw new Error('not today'); };";
            put("b", fails);
            server.put("/api/functions/b", "{\"reservedConcurrency\":7}");
            for (String event : List.of("[1]", "\"€\"")) {
                TestServer.Reply accepted = server.send(HttpRequest.newBuilder(
                                server.uri("/2015-03-31/functions/b/invocations"))
                        .header("X-Amz-Invocation-Type", "Event").header("X-Amz-Log-Type", "None")
                        .POST(HttpRequest.BodyPublishers.ofString(event)).build());
                assertEquals(202, accepted.status(), accepted.body());
            }
            // b fails, so both events wait for their retry a minute later.

            JsonNode account = server.get("/api/account").json();
            com.fasterxml.jackson.databind.node.ObjectNode quotas = account.path("quotas").deepCopy();
            assertEquals(10_240, quotas.remove("memoryMb").asInt(), "the largest memory, Lambda's: no class lowers it");
            assertEquals(SMALL, TestServer.JSON.treeToValue(quotas, Quotas.class));
            assertEquals(100, account.path("limits").path("concurrentExecutions").asInt());
            assertEquals(93, account.path("limits").path("unreservedConcurrentExecutions").asInt());
            JsonNode usage = account.path("usage");
            assertEquals(2, usage.path("functions").asInt(), usage.toString());
            assertEquals(200 + 300 + fails.length(), usage.path("codeStorageBytes").asLong(),
                    "$LATEST of each, and a's version");
            assertEquals(2, usage.path("asyncBacklogEvents").asLong(), usage.toString());
            assertEquals(3 + 5, usage.path("asyncBacklogBytes").asLong(), "[1] and \"€\" in UTF-8");
            assertEquals(TestServer.json("{\"codeBytes\":200,\"versions\":1,\"versionCodeBytes\":300}"),
                    usage.path("byFunction").path("a"));
        }
    }
}
