package dev.faaslab.http;

import static dev.faaslab.http.QueueSteps.counts;
import static dev.faaslab.http.QueueSteps.createQueue;
import static dev.faaslab.http.QueueSteps.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A JavaScript function in Azure Functions' style (the Node.js v4 model)")
class AzureFunctionsTest extends AzureApps {

    @Override
    String runtime() {
        return "nodejs";
    }

    @Test
    void runsMicrosoftsHttpQuickstartUnchanged() {
        // The HTTP trigger template of the Node.js v4 model (func new --template "HTTP trigger", JavaScript), as written
        JsonNode deployed = deployApp("hello", """
                const { app } = require('@azure/functions');

                app.http('httpTrigger1', {
                    methods: ['GET', 'POST'],
                    authLevel: 'anonymous',
                    handler: async (request, context) => {
                        context.log(`Http function processed request for url "${request.url}"`);

                        const name = request.query.get('name') || await request.text() || 'world';

                        return { body: `Hello, ${name}!` };
                    }
                });
                """, null);
        assertEquals("azure-functions", deployed.path("style").asText());
        assertEquals("index.httpTrigger1", deployed.path("handler").asText());
        TestServer.Reply reply = server.get("/fn/hello/api/httpTrigger1?name=Azure");
        assertEquals(200, reply.status(), reply.body());
        assertEquals("Hello, Azure!", reply.body());
        assertEquals("text/plain;charset=UTF-8", reply.header("content-type"));
        TestServer.Reply posted = server.send(HttpRequest.newBuilder(server.uri("/fn/hello/api/httpTrigger1"))
                .POST(HttpRequest.BodyPublishers.ofString("Ada")).build());
        assertEquals("Hello, Ada!", posted.body());
        assertEquals("Hello, world!", server.get("/fn/hello/api/HTTPTRIGGER1").body(), "routes ignore case, as ASP.NET's");

        String log = log("hello");
        assertTrue(log.matches("(?s).*\\[Information] Executing 'Functions.httpTrigger1' \\(Reason='This function was"
                + " programmatically called via the host APIs\\.', Id=[-0-9a-f]+\\)\n.*\\[Information] Http function"
                + " processed request for url \"http://[^\"]+/fn/hello/api/httpTrigger1\\?name=Azure\"\n.*\\[Information]"
                + " Executed 'Functions.httpTrigger1' \\(Succeeded, Id=[-0-9a-f]+, Duration=\\d+ms\\).*"), log);
        assertTrue(log.contains("REPORT RequestId: "), "the figures of each invocation, its cold start among them: " + log);
    }

    @Test
    void routesARequestAmongEveryHttpFunctionOfTheAppByRouteAndMethod() {
        deployApp("shop", """
                import { app, HttpResponse } from '@azure/functions';
                app.http('httpTrigger1', { handler: async () => ({ body: 'home' }) });
                app.get('product', { route: 'products/{id:int}/{*rest}', handler: async (request, context) => ({
                  status: 201, jsonBody: { id: request.params.id, rest: request.params.rest ?? null, q: request.query.get('q'),
                    fn: context.functionName, same: context.invocationId.length > 0 },
                  headers: { 'x-shop': 'yes' }, cookies: [{ name: 'seen', value: '1', httpOnly: true }] }) });
                app.http('remove', { methods: ['DELETE'], route: 'products/{id}', handler: async (request) =>
                  new HttpResponse({ status: 202, body: 'removed ' + request.params.id }) });
                """, null);
        TestServer.Reply product = server.get("/fn/shop/api/products/42/a/b?q=x");
        assertEquals(201, product.status(), product.body());
        assertEquals("{\"id\":\"42\",\"rest\":\"a/b\",\"q\":\"x\",\"fn\":\"product\",\"same\":true}", product.body());
        assertEquals("application/json", product.header("content-type"));
        assertEquals("yes", product.header("x-shop"));
        assertEquals("seen=1; httponly", product.header("set-cookie"));
        assertEquals("{\"id\":\"7\",\"rest\":null,\"q\":null,\"fn\":\"product\",\"same\":true}",
                server.get("/fn/shop/api/products/7").body(), "a catch-all may be empty");
        assertEquals("removed 7", server.delete("/fn/shop/api/products/7").body());
        assertEquals(202, server.delete("/fn/shop/api/products/7").status());

        for (TestServer.Reply missing : List.of(server.get("/fn/shop/api/products/seven"), server.get("/fn/shop/api/nothing"),
                server.get("/fn/shop/products/7"), server.delete("/fn/shop/api/httpTrigger1"))) {
            assertEquals(404, missing.status(), "a path no route takes, or a method the route's function does not allow,"
                    + " is Azure's empty 404: " + missing.body());
            assertEquals("", missing.body());
        }
        assertEquals("home", server.get("/fn/shop/api/httpTrigger1").body());
    }

    @Test
    void aPlainAnswerIsTheSameHttpResponseAsTheLibrarysHttpResponseMadeOfIt() {
        // A plain { body } or { status, jsonBody } goes to the envelope without a web Response (a cold start's cost);
        // it must answer exactly what new HttpResponse(…) of the same init answers.
        deployApp("twins", """
                import { app, HttpResponse } from '@azure/functions';
                const inits = { text: { body: 'héllo' }, json: { status: 201, jsonBody: { a: [1, 'b'] } }, empty: { body: '' } };
                app.http('plain', { route: 'plain/{kind}', handler: async (request) => inits[request.params.kind] });
                app.http('made', { route: 'made/{kind}', handler: async (request) => new HttpResponse(inits[request.params.kind]) });
                """, "index.plain");
        for (String kind : List.of("text", "json", "empty")) {
            TestServer.Reply plain = server.get("/fn/twins/api/plain/" + kind);
            TestServer.Reply made = server.get("/fn/twins/api/made/" + kind);
            assertTrue(plain.status() < 300, kind + " answered " + plain.status());
            assertEquals(made.status(), plain.status(), kind);
            assertEquals(made.header("content-type"), plain.header("content-type"), kind);
            assertEquals(made.body(), plain.body(), kind);
        }
        assertEquals(201, server.get("/fn/twins/api/plain/json").status());
        assertEquals("text/plain;charset=UTF-8", server.get("/fn/twins/api/plain/text").header("content-type"));
    }

    @Test
    void aThrownErrorIsAnEmpty500AndTheExecutionFailedInTheLog() {
        deployApp("thrower", """
                const { app } = require('@azure/functions');
                app.http('httpTrigger1', { handler: async () => { throw new Error('boom'); } });
                """, null);
        TestServer.Reply reply = server.get("/fn/thrower/api/httpTrigger1");
        assertEquals(500, reply.status());
        assertEquals("", reply.body(), "Azure's host answers a failed function with an empty 500");
        String log = log("thrower");
        assertTrue(log.matches("(?s).*\\[Error] Executed 'Functions.httpTrigger1' \\(Failed, Id=[-0-9a-f]+,"
                + " Duration=\\d+ms\\).*boom.*"), log);
    }

    @Test
    void runsMicrosoftsQueueTriggerExampleOncePerMessageOfTheRealQueue() {
        // Microsoft Learn, "Azure Queue storage trigger for Azure Functions", the JavaScript example, unchanged
        deployApp("worker", """
                const { app } = require('@azure/functions');

                app.storageQueue('storageQueueTrigger1', {
                    queueName: 'myqueue-items',
                    connection: 'MyStorageConnectionAppSetting',
                    handler: (queueItem, context) => {
                        context.log('Storage queue function processed work item:', queueItem);
                        context.log('expirationTime =', context.triggerMetadata.expirationTime);
                        context.log('insertionTime =', context.triggerMetadata.insertionTime);
                        context.log('nextVisibleTime =', context.triggerMetadata.nextVisibleTime);
                        context.log('id =', context.triggerMetadata.id);
                        context.log('popReceipt =', context.triggerMetadata.popReceipt);
                        context.log('dequeueCount =', context.triggerMetadata.dequeueCount);
                    },
                });
                """, "index.storageQueueTrigger1");
        createQueue(server, "myqueue-items", "");
        assertEquals(201, server.post("/api/event-source-mappings",
                "{\"queue\":\"myqueue-items\",\"function\":\"worker\"}").status());
        String sent = iso(clock.epochMillis());
        String id = send(server, "myqueue-items", "{\"orderId\":42}");
        send(server, "myqueue-items", "plain text");
        server.sandbox.queuePoller().pollOnce();

        String log = log("worker");
        assertTrue(log.contains("Storage queue function processed work item: { orderId: 42 }"), "JSON is parsed: " + log);
        assertTrue(log.contains("Storage queue function processed work item: plain text"), log);
        assertTrue(log.contains("id = " + id) && log.contains("dequeueCount = 1"), log);
        assertTrue(log.contains("insertionTime = " + sent), log);
        assertEquals(2, log.split("Executing 'Functions.storageQueueTrigger1' \\(Reason='New queue message detected on"
                + " 'myqueue-items'\\.'", -1).length - 1, "one execution per message: " + log);
        assertEquals(List.of(0L, 0L, 0L), counts(server, "myqueue-items"), "both done: deleted");
    }

    @Test
    void retriesOnlyTheMessagesWhoseExecutionThrew() {
        deployApp("picky", """
                const { app } = require('@azure/functions');
                app.storageQueue('orders', { queueName: 'orders', handler: (item) => {
                  if (item === 'poison') throw new Error('cannot take ' + item);
                } });
                """, "index.orders");
        createQueue(server, "orders", "{\"visibilityTimeoutSeconds\":30}");
        server.post("/api/event-source-mappings", "{\"queue\":\"orders\",\"function\":\"picky\"}");
        send(server, "orders", "good");
        send(server, "orders", "poison");
        server.sandbox.queuePoller().pollOnce();
        assertEquals(List.of(0L, 1L, 0L), counts(server, "orders"), "the good one deleted, the poison one to be retried");
        String log = log("picky");
        assertTrue(log.contains("Executed 'Functions.orders' (Failed") && log.contains("cannot take poison"), log);
        clock.advance(Duration.ofSeconds(30));
        server.sandbox.queuePoller().pollOnce();
        assertEquals(3, executions("picky", "orders"), "the poison message came back, alone: " + log("picky"));
    }

    @Test
    void runsMicrosoftsTimerTriggerExampleOnTheRealSchedule() {
        // Microsoft Learn, "Timer trigger for Azure Functions", the JavaScript example, unchanged
        deployApp("ticker", """
                const { app } = require('@azure/functions');

                app.timer('timerTrigger1', {
                    schedule: '0 */5 * * * *',
                    handler: (myTimer, context) => {
                        context.log('Timer function processed request.');
                    },
                });
                """, "index.timerTrigger1");
        String due = iso(clock.epochMillis() + Duration.ofMinutes(5).toMillis());
        TestServer.Reply created = server.put("/api/schedules/every-five",
                "{\"expression\":\"rate(5 minutes)\",\"function\":\"ticker\"}");
        assertEquals(201, created.status(), created.body());
        clock.advance(Duration.ofMinutes(5));
        server.sandbox.scheduler().runDue();
        Await.until("the timer's execution", Duration.ofSeconds(20), () -> log("ticker").contains("Executed"));
        String log = log("ticker");
        assertTrue(log.contains("Executing 'Functions.timerTrigger1' (Reason='Timer fired at " + due + "'"), log);
        assertTrue(log.contains("[Information] Timer function processed request."), log);
        assertTrue(log.contains("Executed 'Functions.timerTrigger1' (Succeeded"), log);
    }

    @Test
    void runsMicrosoftsBlobTriggerExampleForNewObjectsOfItsPath() {
        // Microsoft Learn, "Azure Blob storage trigger for Azure Functions", the JavaScript example, unchanged
        deployApp("blobs", """
                const { app } = require('@azure/functions');

                app.storageBlob('storageBlobTrigger1', {
                    path: 'samples-workitems/{name}',
                    connection: 'MyStorageAccountAppSetting',
                    handler: (blob, context) => {
                        context.log(
                            `Storage blob function processed blob "${context.triggerMetadata.name}" with size ${blob.length} bytes`
                        );
                    },
                });
                """, "index.storageBlobTrigger1");
        server.put("/api/buckets/samples-workitems", "");
        TestServer.Reply subscribed = server.post("/api/buckets/samples-workitems/subscriptions",
                "{\"function\":\"blobs\",\"events\":[\"ObjectCreated:*\"]}");
        assertEquals(201, subscribed.status(), subscribed.body());
        server.put("/api/buckets/samples-workitems/objects/reports/hello.txt", "hello");
        Await.until("the blob's execution", Duration.ofSeconds(20), () -> log("blobs").contains("Executed"));
        String log = log("blobs");
        assertTrue(log.contains("Executing 'Functions.storageBlobTrigger1' (Reason='New blob detected(LogsAndContainerScan):"
                + " samples-workitems/reports/hello.txt'"), log);
        assertTrue(log.contains("Storage blob function processed blob \"reports/hello.txt\" with size 5 bytes"), log);
    }

    @Test
    void aFileRegisteringNothingIsRefusedAtDeployNamingTheStyleAndWhatItLookedFor() {
        TestServer.Reply reply = server.put("/api/functions/nothing", "{\"runtime\":\"nodejs\",\"style\":"
                + "\"azure-functions\",\"code\":\"export const handler = async () => 1;\"}");
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.body().contains("Azure Functions") && reply.body().contains("app.http(")
                && reply.body().contains("@azure/functions"), reply.body());
    }

    @Test
    void aHandlerNamingNoRegisteredFunctionFailsItsInitListingThoseThatAre() {
        deployApp("misnamed", """
                const { app } = require('@azure/functions');
                app.http('hello', { handler: async () => ({ body: 'hi' }) });
                app.timer('nightly', { schedule: '0 0 2 * * *', handler: () => {} });
                """, null);
        JsonNode reply = server.post("/api/functions/misnamed/invoke", "{}").json();
        assertEquals("Runtime.HandlerNotFound", reply.path("error").path("errorType").asText(), reply.toString());
        String message = reply.path("error").path("errorMessage").asText();
        assertTrue(message.contains("index.httpTrigger1") && message.contains("hello (app.http)")
                && message.contains("nightly (app.timer)"), message);
    }

    @Test
    void givesAzuresVariablesInsteadOfLambdas() {
        deployApp("vars", """
                const { app } = require('@azure/functions');
                app.http('httpTrigger1', { handler: async () => ({ jsonBody: [process.env.FUNCTIONS_WORKER_RUNTIME,
                  process.env.FUNCTIONS_EXTENSION_VERSION, process.env.WEBSITE_SITE_NAME, process.env.AzureWebJobsStorage,
                  process.env.AWS_LAMBDA_FUNCTION_NAME ?? null] }) });
                """, null);
        assertEquals("[\"node\",\"~4\",\"vars\",\"UseDevelopmentStorage=true\",null]",
                server.get("/fn/vars/api/httpTrigger1").body());
    }
}
