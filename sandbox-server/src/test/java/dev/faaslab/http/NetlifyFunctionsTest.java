package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A function in Netlify Functions' style")
class NetlifyFunctionsTest {

    // One server for the class, each test with functions of its own names: a server per test cost most of the time.
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

    JsonNode deployNetlify(String name, String code) {
        ObjectNode body = TestServer.JSON.createObjectNode().put("runtime", "nodejs").put("style", "netlify")
                .put("timeoutSeconds", 20).put("code", code); // a cold start on a busy machine can take seconds
        return server.deploy(name, body.toString());
    }

    @Test
    void runsNetlifysHelloWorldAtItsDefaultUrlAndAtFaasLabsTrigger() {
        // Netlify's synchronous function (docs.netlify.com/build/functions/get-started, JavaScript), as written there
        JsonNode deployed = deployNetlify("hello", """
                export default async (req, context) => {
                  return new Response("Hello, world!")
                }
                """);
        assertEquals("netlify", deployed.path("style").asText());
        assertEquals("index.default", deployed.path("handler").asText());
        for (String path : new String[] {"/fn/hello/.netlify/functions/hello", "/fn/hello/"}) {
            TestServer.Reply reply = server.get(path);
            assertEquals(200, reply.status(), path + ": " + reply.body());
            assertEquals("Hello, world!", reply.body());
        }
        TestServer.Reply elsewhere = server.get("/fn/hello/somewhere");
        assertEquals(404, elsewhere.status(), "no route takes /somewhere: " + elsewhere.body());
        assertTrue(elsewhere.body().contains("Page not found"), elsewhere.body());
    }

    @Test
    void routesConfigPathWithItsParametersInContextParamsAndTakesAwayTheDefaultUrl() {
        // Netlify's "Route requests" example (docs.netlify.com/build/functions/get-started, JavaScript), as written there
        deployNetlify("travel", """
                export default async (req, context) => {
                  const { city, country } = context.params;

                  return new Response(`You're visiting ${city} in ${country}!`);
                };

                export const config = {
                  path: "/travel-guide/:city/:country"
                };
                """);
        TestServer.Reply reply = server.get("/fn/travel/travel-guide/porto/portugal");
        assertEquals(200, reply.status(), reply.body());
        assertEquals("You're visiting porto in portugal!", reply.body());
        assertEquals(404, server.get("/fn/travel/.netlify/functions/travel").status(), "config.path replaces the default URL");
        assertEquals(404, server.get("/fn/travel/travel-guide/porto").status(), "both parameters are needed");
    }

    @Test
    void matchesWildcardsArraysExcludedPathsAndMethodsAsNetlifyRoutes() {
        deployNetlify("shop", """
                export default async (req, context) => Response.json({ params: context.params, method: req.method });
                export const config = { path: ["/sale/*", "/item/:sku"], excludedPath: "/sale/*.css", method: ["GET", "POST"] };
                """);
        assertEquals("{\"0\":\"shoes/red\"}", server.get("/fn/shop/sale/shoes/red").json().get("params").toString());
        assertEquals("{\"sku\":\"42\"}", server.get("/fn/shop/item/42").json().get("params").toString());
        assertEquals(404, server.get("/fn/shop/sale/site.css").status(), "excludedPath");
        assertEquals(404, server.delete("/fn/shop/item/42").status(), "config.method allows GET and POST only");
        assertEquals("POST", server.post("/fn/shop/item/42", "{}").json().get("method").asText());
    }

    @Test
    void givesNetlifysContextCookiesWaitUntilAndEnvironment() {
        deployNetlify("ctx", """
                export default async (req, context) => {
                  context.cookies.set({ name: "visits", value: String(Number(context.cookies.get("visits") || 0) + 1) });
                  context.waitUntil(new Promise((resolve) => setTimeout(() => { console.log("after the answer"); resolve(); }, 20)));
                  return Response.json({ site: context.site.name, url: context.site.url, deploy: context.deploy.context,
                    country: context.geo.country.code, ip: context.ip, requestId: context.requestId,
                    siteName: Netlify.env.get("SITE_NAME"), same: process.env.SITE_ID === Netlify.env.get("SITE_ID"),
                    current: Netlify.context === context, region: process.env.AWS_REGION, netlifyUrl: process.env.URL });
                };
                """);
        TestServer.Reply reply = server.send(HttpRequest.newBuilder(server.uri("/fn/ctx/")).header("Cookie", "visits=2").GET().build());
        assertEquals(200, reply.status(), reply.body());
        assertEquals("visits=3; Path=/", reply.header("set-cookie"));
        JsonNode seen = reply.json();
        assertEquals("ctx", seen.get("site").asText());
        assertTrue(seen.get("url").asText().endsWith("/fn/ctx"), seen.toString());
        assertEquals("production", seen.get("deploy").asText());
        assertEquals("US", seen.get("country").asText());
        assertFalse(seen.get("requestId").asText().isEmpty(), seen.toString());
        assertEquals("ctx", seen.get("siteName").asText());
        assertTrue(seen.get("same").asBoolean() && seen.get("current").asBoolean(), seen.toString());
        assertFalse(seen.get("region").asText().isEmpty(), "Netlify Functions run on Lambda, which sets AWS_REGION");
        assertEquals("http://localhost:8080/fn/ctx", seen.get("netlifyUrl").asText());
        assertTrue(logs("ctx").contains("after the answer"), "context.waitUntil's work ran");
    }

    @Test
    void runsNetlifysLambdaCompatibleExampleWithNetlifysEvent() {
        // Netlify's Lambda-compatible function (docs.netlify.com/functions/build-with-javascript/, quoted in
        // github.com/acidtone/hello-netlify-functions), as written there
        JsonNode deployed = server.deploy("legacy", TestServer.JSON.createObjectNode().put("runtime", "nodejs")
                .put("style", "netlify").put("handler", "index.handler").put("timeoutSeconds", 20).put("code", """
                exports.handler = async function(event, context) {
                  return {
                    statusCode: 200,
                    body: JSON.stringify({message: "Hello World"})
                  };
                }
                """).toString());
        assertEquals("index.handler", deployed.path("handler").asText());
        TestServer.Reply reply = server.get("/fn/legacy/.netlify/functions/legacy");
        assertEquals(200, reply.status(), reply.body());
        assertEquals("{\"message\":\"Hello World\"}", reply.body());

        deployNetlify("event", """
                export const handler = async (event, context) => ({ statusCode: 201, headers: { "x-seen": "yes" },
                  multiValueHeaders: { "set-cookie": ["a=1", "b=2"] },
                  body: JSON.stringify({ method: event.httpMethod, path: event.path, rawQuery: event.rawQuery, rawUrl: event.rawUrl,
                    q: event.queryStringParameters, mq: event.multiValueQueryStringParameters, type: event.headers["content-type"],
                    body: event.body, b64: event.isBase64Encoded, fn: context.functionName }) });
                """);
        TestServer.Reply seen = server.send(HttpRequest.newBuilder(server.uri("/fn/event/?tag=a&tag=b"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"x\":1}")).build());
        assertEquals(201, seen.status(), seen.body());
        assertEquals("yes", seen.header("x-seen"));
        assertEquals(2, seen.response().headers().allValues("set-cookie").size());
        JsonNode event = seen.json();
        assertEquals("POST", event.get("method").asText());
        assertEquals("/fn/event/", event.get("path").asText());
        assertEquals("tag=a&tag=b", event.get("rawQuery").asText());
        assertTrue(event.get("rawUrl").asText().endsWith("/fn/event/?tag=a&tag=b"), event.toString());
        assertEquals("{\"tag\":\"b\"}", event.get("q").toString());
        assertEquals("{\"tag\":[\"a\",\"b\"]}", event.get("mq").toString());
        assertEquals("{\"x\":1}", event.get("body").asText());
        assertFalse(event.get("b64").asBoolean(), "JSON is text to Netlify");
        assertEquals("event", event.get("fn").asText());
    }

    @Test
    void aThrownErrorOrAnAnswerWithoutAStatusIsNetlifys502WithTheErrorAsJson() {
        deployNetlify("thrower", "export default async () => { throw new TypeError('boom'); };");
        TestServer.Reply reply = server.get("/fn/thrower/");
        assertEquals(502, reply.status(), reply.body());
        JsonNode error = reply.json();
        assertEquals("TypeError", error.get("errorType").asText());
        assertEquals("boom", error.get("errorMessage").asText());
        assertTrue(error.get("trace").isArray(), reply.body());

        deployNetlify("nocontent", "export const handler = async () => ({ statusCode: 204, body: '' });");
        assertEquals(204, server.get("/fn/nocontent/").status(), "an empty body with 204 is no error");

        deployNetlify("badanswer", "export const handler = async () => ({ body: 'no status' });");
        TestServer.Reply bad = server.get("/fn/badanswer/");
        assertEquals(502, bad.status(), bad.body());
        assertTrue(bad.json().get("errorMessage").asText().contains("numerical statusCode"), bad.body());
    }

    @Test
    void aPythonFunctionIsRefusedAtDeployBecauseNetlifyHasNoPythonRuntime() {
        TestServer.Reply reply = server.put("/api/functions/py", "{\"runtime\":\"python\",\"style\":\"netlify\","
                + "\"code\":\"def handler(event, context):\\n    return 1\\n\"}");
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.body().contains("Netlify Functions has no Python runtime"), reply.body());
    }

    @Test
    void aTimeoutAboveNetlifysSixtySecondsIsRefused() {
        TestServer.Reply reply = server.put("/api/functions/slow", "{\"runtime\":\"nodejs\",\"style\":\"netlify\","
                + "\"timeoutSeconds\":61,\"code\":\"export default async () => new Response('hi');\"}");
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.body().contains("at most 60 s"), reply.body());
    }

    @Test
    void aFileExportingNeitherDefaultNorHandlerIsRefusedNamingTheStyleAndWhatItLookedFor() {
        TestServer.Reply reply = server.put("/api/functions/nothing", "{\"runtime\":\"nodejs\",\"style\":\"netlify\","
                + "\"code\":\"export const main = async () => new Response('hi');\"}");
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.body().contains("Netlify Functions (style netlify)") && reply.body().contains("a default export")
                && reply.body().contains("an export named handler"), reply.body());
    }

    @Test
    void theInvokeApisJsonReachesTheFunctionAsAPostOfThatJson() {
        deployNetlify("direct", "export default async (req) => new Response(req.method + ' ' + await req.text());");
        TestServer.Reply invoked = server.post("/2015-03-31/functions/direct/invocations", "{\"a\":1}");
        assertEquals(200, invoked.status(), invoked.body());
        JsonNode envelope = invoked.json();
        assertEquals(200, envelope.get("status").asInt(), invoked.body());
        assertEquals("POST {\"a\":1}", envelope.path("text").asText(), "a text body shows as text: " + invoked.body());
    }

    @Test
    void aQueueMessageOrABucketChangeReachingANetlifyFunctionFailsSayingNetlifyHasNoSuchTrigger() {
        deployNetlify("triggered", "export default async (req) => new Response('never called');");
        QueueSteps.createQueue(server, "netlify-jobs", "");
        TestServer.Reply mapped = server.post("/api/event-source-mappings", "{\"queue\":\"netlify-jobs\",\"function\":\"triggered\"}");
        assertEquals(201, mapped.status(), mapped.body());
        QueueSteps.send(server, "netlify-jobs", "hello");
        Await.until("the queue's message to reach the function", Duration.ofSeconds(20),
                () -> logs("triggered").contains("Netlify Functions have no queue trigger"));

        assertEquals(201, server.put("/api/buckets/netlify-uploads", "").status());
        TestServer.Reply subscribed = server.post("/api/buckets/netlify-uploads/subscriptions",
                "{\"id\":\"all\",\"function\":\"triggered\",\"events\":[\"ObjectCreated:*\"]}");
        assertEquals(201, subscribed.status(), subscribed.body());
        assertEquals(200, server.put("/api/buckets/netlify-uploads/objects/note.txt", "hi").status());
        Await.until("the bucket's notification to reach the function", Duration.ofSeconds(20),
                () -> logs("triggered").contains("Netlify Functions have no bucket trigger"));
    }

    @Test
    void runsNetlifysScheduledFunctionOnThePlatformsScheduleWithTheNextRunOfItsCron() {
        // Netlify's scheduled function (docs.netlify.com/build/functions/scheduled-functions, JavaScript), as written there
        deployNetlify("tick", """
                export default async (req) => {
                    const { next_run } = await req.json()

                    console.log("Received event! Next invocation at:", next_run)
                }

                export const config = {
                    schedule: "@hourly"
                }
                """);
        // FaaS Lab's schedules fire the function; its own config.schedule only says what next_run is.
        TestServer.Reply created = server.put("/api/schedules/netlify-tick", "{\"expression\":\"rate(5 seconds)\",\"function\":\"tick\"}");
        assertEquals(201, created.status(), created.body());
        Instant before = Instant.now();
        Await.until("the schedule to fire", Duration.ofSeconds(25), () -> logs("tick").contains("Received event!"));
        assertEquals(204, server.delete("/api/schedules/netlify-tick").status());
        Matcher next = Pattern.compile("Next invocation at: (\\S+?)\"").matcher(logs("tick"));
        assertTrue(next.find(), logs("tick"));
        Instant nextRun = Instant.parse(next.group(1));
        assertEquals(0, nextRun.getEpochSecond() % 3600, "@hourly runs on the hour: " + nextRun);
        assertTrue(nextRun.isAfter(before.minusSeconds(10)) && !nextRun.isAfter(Instant.now().plusSeconds(3600)), nextRun.toString());
    }

    String logs(String function) {
        return server.get("/api/functions/" + function + "/logs?limit=100").body();
    }
}
