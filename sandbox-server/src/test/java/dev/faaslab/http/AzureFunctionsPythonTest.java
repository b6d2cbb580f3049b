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

@DisplayName("A Python function in Azure Functions' style (the v2 model)")
class AzureFunctionsPythonTest extends AzureApps {

    @Override
    String runtime() {
        return "python";
    }

    @Test
    void runsMicrosoftsHttpTemplateUnchanged() {
        // The HTTP trigger template of the Python v2 model (Azure/azure-functions-templates,
        // Templates-v2/HttpTrigger-Python/function_app.py), its placeholders filled as func new fills them:
        // FUNCTION_NAME_INPUT http_trigger, AUTHLEVEL_INPUT ANONYMOUS
        JsonNode deployed = deployApp("pyhello", """
                import azure.functions as func
                import logging

                app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)

                @app.route(route="http_trigger")
                def http_trigger(req: func.HttpRequest) -> func.HttpResponse:
                    logging.info('Python HTTP trigger function processed a request.')

                    name = req.params.get('name')
                    if not name:
                        try:
                            req_body = req.get_json()
                        except ValueError:
                            pass
                        else:
                            name = req_body.get('name')

                    if name:
                        return func.HttpResponse(f"Hello, {name}. This HTTP triggered function executed successfully.")
                    else:
                        return func.HttpResponse(
                             "This HTTP triggered function executed successfully. Pass a name in the query string or in the request body for a personalized response.",
                             status_code=200
                        )
                """, null);
        assertEquals("function_app.http_trigger", deployed.path("handler").asText());
        TestServer.Reply reply = server.get("/fn/pyhello/api/http_trigger?name=Azure");
        assertEquals(200, reply.status(), reply.body() + log("pyhello"));
        assertEquals("Hello, Azure. This HTTP triggered function executed successfully.", reply.body());
        assertEquals("text/plain; charset=utf-8", reply.header("content-type"));
        TestServer.Reply posted = server.send(HttpRequest.newBuilder(server.uri("/fn/pyhello/api/http_trigger"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada\"}"))
                .build());
        assertEquals("Hello, Ada. This HTTP triggered function executed successfully.", posted.body());
        assertTrue(server.get("/fn/pyhello/api/http_trigger").body().startsWith("This HTTP triggered function executed"
                + " successfully. Pass a name"), "no name, no JSON body: get_json's ValueError is caught");

        String log = log("pyhello");
        assertTrue(log.matches("(?s).*\\[Information] Executing 'Functions.http_trigger' \\(Reason='This function was"
                + " programmatically called via the host APIs\\.', Id=[-0-9a-f]+\\)\n.*\\[Information] Python HTTP trigger"
                + " function processed a request\\.\n.*\\[Information] Executed 'Functions.http_trigger' \\(Succeeded,"
                + " Id=[-0-9a-f]+, Duration=\\d+ms\\).*"), "logging.info reaches the log, as Azure's worker passes it: " + log);
    }

    @Test
    void routesByRouteTemplateAndMethodAndAnswersAThrownErrorWithAnEmpty500() {
        deployApp("pyshop", """
                import json
                import azure.functions as func

                app = func.FunctionApp()

                @app.route(route="items/{id:int}", methods=["GET"])
                def item(req: func.HttpRequest) -> func.HttpResponse:
                    return func.HttpResponse(json.dumps({"id": req.route_params.get("id"), "method": req.method}),
                                             status_code=201, mimetype="application/json", headers={"x-shop": "yes"})

                @app.function_name(name="broken")
                @app.route(route="boom")
                def fails(req):
                    raise ValueError("boom")
                """, "function_app.item");
        TestServer.Reply item = server.get("/fn/pyshop/api/items/42");
        assertEquals(201, item.status(), item.body() + log("pyshop"));
        assertEquals("{\"id\": \"42\", \"method\": \"GET\"}", item.body());
        assertEquals("application/json; charset=utf-8", item.header("content-type"));
        assertEquals("yes", item.header("x-shop"));
        for (TestServer.Reply missing : List.of(server.get("/fn/pyshop/api/items/x"), server.delete("/fn/pyshop/api/items/42"),
                server.get("/fn/pyshop/api/fails"))) {
            assertEquals(404, missing.status(), "no route takes it, or its function does not allow the method");
            assertEquals("", missing.body());
        }
        TestServer.Reply boom = server.delete("/fn/pyshop/api/boom");
        assertEquals(500, boom.status(), "a route without methods takes every method; its error is an empty 500");
        assertEquals("", boom.body());
        assertTrue(log("pyshop").contains("Executed 'Functions.broken' (Failed"), log("pyshop"));
    }

    @Test
    void runsMicrosoftsTimerTriggerExampleOnTheRealSchedule() {
        // Microsoft Learn, "Timer trigger for Azure Functions", the Python v2 example, unchanged
        deployApp("pytimer", """
                import datetime
                import logging
                import azure.functions as func

                app = func.FunctionApp()

                @app.function_name(name="mytimer")
                @app.timer_trigger(schedule="0 */5 * * * *",
                              arg_name="mytimer",
                              run_on_startup=False)
                def test_function(mytimer: func.TimerRequest) -> None:
                    utc_timestamp = datetime.datetime.utcnow().replace(
                        tzinfo=datetime.timezone.utc).isoformat()
                    if mytimer.past_due:
                        logging.info('The timer is past due!')
                    logging.info('Python timer trigger function ran at %s', utc_timestamp)
                """, "function_app.mytimer");
        assertEquals(201, server.put("/api/schedules/py-five", "{\"expression\":\"rate(5 minutes)\",\"function\":\"pytimer\"}")
                .status());
        clock.advance(Duration.ofMinutes(5));
        server.sandbox.scheduler().runDue();
        Await.until("the timer's execution", Duration.ofSeconds(30), () -> log("pytimer").contains("Executed"));
        String log = log("pytimer");
        assertTrue(log.contains("Executing 'Functions.mytimer' (Reason='Timer fired at "), log);
        assertTrue(log.contains("[Information] Python timer trigger function ran at "), log);
        assertTrue(log.contains("Executed 'Functions.mytimer' (Succeeded"), log);
    }

    @Test
    void runsMicrosoftsQueueTemplateOncePerMessageOfTheRealQueue() {
        // The queue trigger template of the Python v2 model (Templates-v2/QueueTrigger-Python/function_app.py), its
        // placeholders filled: QUEUE_NAME_INPUT myqueue-items, CONNECTION_STRING_INPUT AzureWebJobsStorage,
        // FUNCTION_NAME_INPUT queue_trigger
        deployApp("pyqueue", """
                import azure.functions as func
                import logging

                app = func.FunctionApp()

                @app.queue_trigger(arg_name="azqueue", queue_name="myqueue-items",
                                               connection="AzureWebJobsStorage")\s
                def queue_trigger(azqueue: func.QueueMessage):
                    logging.info('Python Queue trigger processed a message: %s',
                                azqueue.get_body().decode('utf-8'))
                """, "function_app.queue_trigger");
        createQueue(server, "myqueue-items", "");
        assertEquals(201, server.post("/api/event-source-mappings", "{\"queue\":\"myqueue-items\",\"function\":\"pyqueue\"}")
                .status());
        send(server, "myqueue-items", "hello");
        send(server, "myqueue-items", "{\"n\":1}");
        server.sandbox.queuePoller().pollOnce();
        String log = log("pyqueue");
        assertTrue(log.contains("Python Queue trigger processed a message: hello")
                && log.contains("Python Queue trigger processed a message: {\"n\":1}"), log);
        assertEquals(2, executions("pyqueue", "queue_trigger"), log);
        assertEquals(List.of(0L, 0L, 0L), counts(server, "myqueue-items"));
    }

    @Test
    void runsMicrosoftsBlobTemplateForNewObjectsOfItsPath() {
        // The blob trigger template of the Python v2 model (Templates-v2/BlobTrigger-Python/function_app.py), its
        // placeholders filled: PATH_TO_BLOB_INPUT samples-workitems/{name}, CONNECTION_STRING_INPUT
        // AzureWebJobsStorage, FUNCTION_NAME_INPUT blob_trigger
        deployApp("pyblob", """
                import azure.functions as func
                import logging

                app = func.FunctionApp()

                @app.blob_trigger(arg_name="myblob", path="samples-workitems/{name}",
                                               connection="AzureWebJobsStorage")\s
                def blob_trigger(myblob: func.InputStream):
                    logging.info(f"Python blob trigger function processed blob"
                                f"Name: {myblob.name}"
                                f"Blob Size: {myblob.length} bytes")
                """, "function_app.blob_trigger");
        server.put("/api/buckets/samples-workitems", "");
        assertEquals(201, server.post("/api/buckets/samples-workitems/subscriptions", "{\"function\":\"pyblob\"}").status());
        server.put("/api/buckets/samples-workitems/objects/a.txt", "hello");
        Await.until("the blob's execution", Duration.ofSeconds(30), () -> log("pyblob").contains("Executed"));
        String log = log("pyblob");
        assertTrue(log.contains("Python blob trigger function processed blobName: samples-workitems/a.txtBlob Size: 5 bytes"),
                log);
    }

    @Test
    void aFileWithoutAFunctionAppIsRefusedAtDeployNamingTheStyleAndWhatItLookedFor() {
        TestServer.Reply reply = server.put("/api/functions/pynothing", "{\"runtime\":\"python\",\"style\":"
                + "\"azure-functions\",\"code\":\"def lambda_handler(event, context):\\n    return 1\\n\"}");
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.body().contains("Azure Functions") && reply.body().contains("func.FunctionApp()"), reply.body());
    }
}
