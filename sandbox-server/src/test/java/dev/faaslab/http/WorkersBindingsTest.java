package dev.faaslab.http;

import static dev.faaslab.http.WorkerSteps.deploy;
import static dev.faaslab.http.WorkerSteps.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A Worker's bindings")
class WorkersBindingsTest {

    @TempDir
    static Path data;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(data);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** What the Worker named answers to a GET, as JSON. */
    static JsonNode call(String function) {
        return ok(function, server.get("/fn/" + function + "/")).json();
    }

    static TestServer.Reply ok(String function, TestServer.Reply reply) {
        return WorkerSteps.ok(server, function, reply);
    }

    @Test
    @DisplayName("reach a table as a KV namespace: get as text, json or arrayBuffer, getWithMetadata, put, delete, and"
            + " list by prefix in key order, a page at a time")
    void kvOverATable() {
        table(server, "cache", "{\"partitionKey\":\"id\"}");
        deploy(server, "kv", """
                export default {
                  async fetch(request, env) {
                    const out = {};
                    await env.CACHE.put('user:2', JSON.stringify({ name: 'Ben' }));
                    await env.CACHE.put('user:1', 'Ada', { metadata: { role: 'admin' } });
                    await env.CACHE.put('bytes', new Uint8Array([104, 105]));
                    await env.CACHE.put('page', 'x', { expirationTtl: 3600 });
                    out.text = await env.CACHE.get('user:1');
                    out.json = await env.CACHE.get('user:2', 'json');
                    out.jsonOption = await env.CACHE.get('user:2', { type: 'json' });
                    out.bytes = Array.from(new Uint8Array(await env.CACHE.get('bytes', 'arrayBuffer')));
                    out.bytesAsText = await env.CACHE.get('bytes');
                    out.absent = await env.CACHE.get('nobody');
                    out.withMetadata = await env.CACHE.getWithMetadata('user:1');
                    out.withoutMetadata = await env.CACHE.getWithMetadata('user:2', 'json');
                    out.all = await env.CACHE.list();
                    out.users = await env.CACHE.list({ prefix: 'user:' });
                    const first = await env.CACHE.list({ limit: 2 });
                    out.first = first;
                    out.rest = await env.CACHE.list({ limit: 2, cursor: first.cursor });
                    await env.CACHE.delete('user:2');
                    out.deleted = await env.CACHE.get('user:2');
                    return Response.json(out);
                  },
                };
                """, "{\"CACHE\":\"table:cache\"}");
        JsonNode out = call("kv");
        assertEquals("Ada", out.path("text").asText());
        assertEquals("{\"name\":\"Ben\"}", out.path("json").toString());
        assertEquals(out.path("json"), out.path("jsonOption"));
        assertEquals("[104,105]", out.path("bytes").toString());
        assertEquals("hi", out.path("bytesAsText").asText());
        assertTrue(out.path("absent").isNull(), "an absent key is null");
        assertEquals("{\"value\":\"Ada\",\"metadata\":{\"role\":\"admin\"},\"cacheStatus\":null}",
                out.path("withMetadata").toString());
        assertEquals("{\"value\":{\"name\":\"Ben\"},\"metadata\":null,\"cacheStatus\":null}",
                out.path("withoutMetadata").toString());
        long expiration = out.path("all").path("keys").get(1).path("expiration").asLong();
        assertTrue(Math.abs(expiration - (System.currentTimeMillis() / 1000 + 3600)) < 30, "an hour from now: " + out);
        assertEquals("{\"keys\":[{\"name\":\"bytes\"},{\"name\":\"page\",\"expiration\":" + expiration + "},"
                + "{\"name\":\"user:1\",\"metadata\":{\"role\":\"admin\"}},{\"name\":\"user:2\"}],\"list_complete\":true,"
                + "\"cacheStatus\":null}", out.path("all").toString(), "in key order");
        assertEquals(List.of("user:1", "user:2"), names(out.path("users")));
        assertEquals(List.of("bytes", "page"), names(out.path("first")));
        assertTrue(!out.path("first").path("list_complete").asBoolean() && out.path("first").path("cursor").isTextual());
        assertEquals(List.of("user:1", "user:2"), names(out.path("rest")));
        assertTrue(out.path("rest").path("list_complete").asBoolean() && out.path("rest").path("cursor").isMissingNode());
        assertTrue(out.path("deleted").isNull());

        JsonNode stored = server.get("/api/tables/cache/items/user:1").json();
        assertEquals("{\"id\":\"user:1\",\"value\":\"Ada\",\"metadata\":{\"role\":\"admin\"}}", stored.path("item").toString(),
                "one item a key, under the attribute names the style documents");
        assertEquals("{\"id\":\"bytes\",\"value\":\"aGk=\",\"encoding\":\"base64\"}",
                server.get("/api/tables/cache/items/bytes").json().path("item").toString());
    }

    @Test
    @DisplayName("read an expired KV key as absent, leave it out of lists, and delete it from the table")
    void kvExpiration() {
        table(server, "sessions", "{\"partitionKey\":\"key\"}");
        long now = System.currentTimeMillis() / 1000;
        // Written as the KV binding writes them, one expired a second ago (KV itself refuses a past expiration).
        assertEquals(201, server.put("/api/tables/sessions/items/a", "{\"value\":\"1\",\"expiration\":" + (now - 1) + "}")
                .status());
        assertEquals(201, server.put("/api/tables/sessions/items/b", "{\"value\":\"2\",\"expiration\":" + (now + 3600)
                + "}").status());
        deploy(server, "sessions", """
                export default {
                  async fetch(request, env) {
                    const keys = (await env.SESSIONS.list()).keys.map((k) => k.name);
                    return Response.json({ keys, a: await env.SESSIONS.get('a'), b: await env.SESSIONS.get('b') });
                  },
                };
                """, "{\"SESSIONS\":\"table:sessions\"}");
        JsonNode out = call("sessions");
        assertEquals("{\"keys\":[\"b\"],\"a\":null,\"b\":\"2\"}", out.toString());
        assertEquals(404, server.get("/api/tables/sessions/items/a").status(), "read once expired, it was deleted");
        assertEquals(200, server.get("/api/tables/sessions/items/b").status());
    }

    @Test
    @DisplayName("refuse what KV refuses, in Cloudflare's words, and a table that cannot be a KV namespace")
    void kvRefusals() {
        table(server, "strict", "{\"partitionKey\":\"key\"}");
        table(server, "sorted", "{\"partitionKey\":\"user\",\"sortKey\":\"at\"}");
        deploy(server, "refusals", """
                export default {
                  async fetch(request, env) {
                    const tries = {
                      empty: () => env.KV.put('', 'x'),
                      dot: () => env.KV.get('.'),
                      long: () => env.KV.get('k'.repeat(513)),
                      ttl: () => env.KV.put('k', 'v', { expirationTtl: 30 }),
                      past: () => env.KV.put('k', 'v', { expiration: 1 }),
                      metadata: () => env.KV.put('k', 'v', { metadata: { m: 'x'.repeat(1100) } }),
                      type: () => env.KV.put('k', 'v').then(() => env.KV.get('k', 'blob')),
                      stream: () => env.KV.get('k', 'stream'),
                      object: () => env.KV.put('k', { not: 'text' }),
                      limit: () => env.KV.list({ limit: 1001 }),
                      sorted: () => env.SORTED.get('k'),
                      missing: () => env.MISSING.get('k'),
                    };
                    const out = {};
                    for (const [name, attempt] of Object.entries(tries)) {
                      try { await attempt(); out[name] = 'no error'; } catch (e) { out[name] = e.message; }
                    }
                    return Response.json(out);
                  },
                };
                """, "{\"KV\":\"table:strict\",\"SORTED\":\"table:sorted\",\"MISSING\":\"table:nowhere\"}");
        JsonNode out = call("refusals");
        assertEquals("KV PUT failed: 400 Key names must not be empty", out.path("empty").asText());
        assertEquals("KV GET failed: 400 Illegal key name \".\". Please use a different name.", out.path("dot").asText());
        assertEquals("KV GET failed: 414 UTF-8 encoded length of 513 exceeds key length limit of 512.", out.path("long").asText());
        assertEquals("KV PUT failed: 400 Invalid expiration_ttl of 30. Expiration TTL must be at least 60.", out.path("ttl").asText());
        assertTrue(out.path("past").asText().startsWith("KV PUT failed: 400 Invalid expiration of 1."), out.toString());
        assertTrue(out.path("metadata").asText().contains("exceeds limit of 1024"), out.toString());
        assertTrue(out.path("type").asText().startsWith("Unknown response type."), out.toString());
        assertTrue(out.path("stream").asText().contains("ReadableStream"), out.toString());
        assertTrue(out.path("object").asText().contains("JSON.stringify"), out.toString());
        assertTrue(out.path("limit").asText().contains("Invalid key_count_limit of 1001"), out.toString());
        assertTrue(out.path("sorted").asText().contains("has a sort key (at)"), out.toString());
        assertTrue(out.path("missing").asText().contains("there is no table named 'nowhere'"), out.toString());
    }

    @Test
    @DisplayName("run Cloudflare's KV example unchanged, its binding declared on the function")
    void cloudflaresKvExample() {
        table(server, "notifications", "{\"partitionKey\":\"user\"}");
        // Cloudflare's Workers KV get-started example (developers.cloudflare.com/kv/get-started/), as written there
        deploy(server, "kv-example", """
                export default {
                  async fetch(request, env, ctx) {
                    try {
                      await env.USERS_NOTIFICATION_CONFIG.put("user_2", "disabled");
                      const value = await env.USERS_NOTIFICATION_CONFIG.get("user_2");
                      if (value === null) {
                        return new Response("Value not found", { status: 404 });
                      }
                      return new Response(value);
                    } catch (err) {
                      // In a production application, you could instead choose to retry your KV
                      // read or fall back to a default code path.
                      console.error(`KV returned error: ${err}`);
                      return new Response(err, { status: 500 });
                    }
                  },
                };
                """, "{\"USERS_NOTIFICATION_CONFIG\":\"table:notifications\"}");
        TestServer.Reply reply = ok("kv-example", server.get("/fn/kv-example/"));
        assertEquals("disabled", reply.body());
        assertEquals("disabled", server.get("/api/tables/notifications/items/user_2").json().path("item").path("value")
                .asText());
    }

    @Test
    @DisplayName("reach a bucket as R2: put with its content type, get as text, json or arrayBuffer once, head, list"
            + " by prefix and delimiter a page at a time, and delete one key or several")
    void r2OverABucket() {
        assertEquals(201, server.put("/api/buckets/photos", "").status());
        deploy(server, "r2", """
                export default {
                  async fetch(request, env) {
                    const out = {};
                    out.put = await env.PHOTOS.put('cats/tom.json', JSON.stringify({ name: 'Tom' }),
                      { httpMetadata: { contentType: 'application/json' } });
                    await env.PHOTOS.put('cats/kit.bin', new Uint8Array([1, 2, 3]));
                    await env.PHOTOS.put('dogs/rex.txt', 'woof');
                    await env.PHOTOS.put('readme', 'hello');
                    const tom = await env.PHOTOS.get('cats/tom.json');
                    out.json = await tom.json();
                    out.usedAfter = tom.bodyUsed;
                    try { await tom.text(); out.again = 'read twice'; } catch (e) { out.again = e.message; }
                    out.bytes = Array.from(new Uint8Array(await (await env.PHOTOS.get('cats/kit.bin')).arrayBuffer()));
                    out.text = await (await env.PHOTOS.get('dogs/rex.txt')).text();
                    out.head = await env.PHOTOS.head('cats/tom.json');
                    out.absent = await env.PHOTOS.get('nope');
                    out.absentHead = await env.PHOTOS.head('nope');
                    const headers = new Headers();
                    out.head.writeHttpMetadata(headers);
                    out.headerType = headers.get('content-type');
                    const names = (list) => ({ keys: list.objects.map((o) => o.key), truncated: list.truncated,
                      cursor: typeof list.cursor, prefixes: list.delimitedPrefixes });
                    out.cats = names(await env.PHOTOS.list({ prefix: 'cats/' }));
                    out.top = names(await env.PHOTOS.list({ delimiter: '/' }));
                    const first = await env.PHOTOS.list({ limit: 2 });
                    out.first = names(first);
                    out.rest = names(await env.PHOTOS.list({ limit: 2, cursor: first.cursor }));
                    out.withType = (await env.PHOTOS.list({ prefix: 'cats/tom', include: ['httpMetadata'] })).objects[0].httpMetadata;
                    try { await env.PHOTOS.put('x', 'y', { customMetadata: { a: 'b' } }); } catch (e) { out.custom = e.message; }
                    await env.PHOTOS.delete(['cats/kit.bin', 'dogs/rex.txt']);
                    await env.PHOTOS.delete('readme');
                    out.left = (await env.PHOTOS.list()).objects.map((o) => o.key);
                    return Response.json(out);
                  },
                };
                """, "{\"PHOTOS\":\"bucket:photos\"}");
        JsonNode out = call("r2");
        JsonNode put = out.path("put");
        assertEquals("cats/tom.json", put.path("key").asText());
        assertEquals(14, put.path("size").asInt());
        assertTrue(put.path("etag").asText().matches("[0-9a-f]{32}"), put.toString());
        assertEquals("\"" + put.path("etag").asText() + "\"", put.path("httpEtag").asText());
        long uploaded = Instant.parse(put.path("uploaded").asText()).toEpochMilli();
        assertTrue(Math.abs(System.currentTimeMillis() - uploaded) < 30_000, "uploaded just now: " + put);
        assertEquals("{\"contentType\":\"application/json\"}", put.path("httpMetadata").toString());
        assertEquals("{\"name\":\"Tom\"}", out.path("json").toString());
        assertTrue(out.path("usedAfter").asBoolean());
        assertTrue(out.path("again").asText().contains("already been used"), out.toString());
        assertEquals("[1,2,3]", out.path("bytes").toString());
        assertEquals("woof", out.path("text").asText());
        assertEquals(put.path("etag"), out.path("head").path("etag"));
        assertTrue(out.path("absent").isNull() && out.path("absentHead").isNull(), out.toString());
        assertEquals("application/json", out.path("headerType").asText());
        assertEquals("{\"keys\":[\"cats/kit.bin\",\"cats/tom.json\"],\"truncated\":false,\"cursor\":\"undefined\","
                + "\"prefixes\":[]}", out.path("cats").toString());
        assertEquals("{\"keys\":[\"readme\"],\"truncated\":false,\"cursor\":\"undefined\",\"prefixes\":[\"cats/\",\"dogs/\"]}",
                out.path("top").toString());
        assertEquals("{\"keys\":[\"cats/kit.bin\",\"cats/tom.json\"],\"truncated\":true,\"cursor\":\"string\",\"prefixes\":[]}",
                out.path("first").toString());
        assertEquals("[\"dogs/rex.txt\",\"readme\"]", out.path("rest").path("keys").toString());
        assertEquals("{\"contentType\":\"application/json\"}", out.path("withType").toString());
        assertTrue(out.path("custom").asText().contains("customMetadata"), out.toString());
        assertEquals("[\"cats/tom.json\"]", out.path("left").toString());
    }

    @Test
    @DisplayName("reach a queue as a producer: Cloudflare's producer example, unchanged, sends its message")
    void queueProducerExample() {
        QueueSteps.createQueue(server, "requests", "");
        // Cloudflare Queues' producer example (developers.cloudflare.com/queues/configuration/javascript-apis/), as written there
        deploy(server, "producer", """
                export default {
                  async fetch(req, env, ctx) {
                    await env.MY_QUEUE.send({
                      url: req.url,
                      method: req.method,
                      headers: Object.fromEntries(req.headers),
                    });
                    return new Response("Sent!");
                  },
                };
                """, "{\"MY_QUEUE\":\"queue:requests\"}");
        TestServer.Reply reply = ok("producer", server.get("/fn/producer/path"));
        assertEquals("Sent!", reply.body());
        JsonNode messages = QueueSteps.receive(server, "requests", 10);
        assertEquals(1, messages.size(), messages.toString());
        JsonNode body = TestServer.json(messages.get(0).path("body").asText());
        assertEquals("GET", body.path("method").asText());
        assertTrue(body.path("url").asText().endsWith("/fn/producer/path"), body.toString());
    }

    @Test
    @DisplayName("do the work given to ctx.waitUntil: FaaS Lab answers once it is done (Cloudflare answers first)")
    void waitUntil() {
        table(server, "visits", "{\"partitionKey\":\"key\"}");
        deploy(server, "later", """
                export default {
                  async fetch(request, env, ctx) {
                    ctx.waitUntil(new Promise((resolve) => setTimeout(resolve, 50))
                      .then(() => env.VISITS.put('last', 'seen')));
                    return new Response('answered');
                  },
                };
                """, "{\"VISITS\":\"table:visits\"}");
        assertEquals("answered", ok("later", server.get("/fn/later/")).body());
        assertEquals("seen", server.get("/api/tables/visits/items/last").json().path("item").path("value").asText(),
                "written after a timer, within the invocation");
    }

    private static List<String> names(JsonNode list) {
        return list.path("keys").findValuesAsText("name");
    }
}
