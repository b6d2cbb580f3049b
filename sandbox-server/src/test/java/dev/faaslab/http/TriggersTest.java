package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The server's triggers")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TriggersTest {

    /** Returns the event it received, so the test can read API Gateway's shape. */
    static final String ECHO = "export const handler = async (event) => ({ statusCode: 200,"
            + " headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });";

    TestServer server;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        server = new TestServer(data);
        server.deployJs("echo", ECHO, "");
        server.deployJs("shaped", """
                export const handler = async (event) => {
                  switch (event.rawPath) {
                    case '/plain': return { hello: 'world' };
                    case '/created': return { statusCode: 201, headers: { location: '/things/1' },
                                              cookies: ['session=abc; HttpOnly'], body: 'made it' };
                    case '/binary': return { statusCode: 200, headers: { 'content-type': 'image/png' },
                                             isBase64Encoded: true, body: 'AQID' }; // the bytes 1, 2, 3
                    default: throw new Error('no route for ' + event.rawPath);
                  }
                };""", "");
        server.deployJs("lambda", "export const handler = async (event, context) => ({ got: event, version: context.functionVersion });", "");
        server.deployJs("broken", "export const handler = async () => { throw new RangeError('out of range'); };", "");
        server.deployJs("py", "", "\"runtime\":\"python\",\"code\":\"def lambda_handler(event, context):\\n    raise ValueError('bad value')\\n\"");
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @Nested
    @DisplayName("the HTTP trigger")
    class HttpTrigger {

        @Test
        @DisplayName("hands the function an API Gateway HTTP API payload 2.0 event")
        void eventShape() {
            TestServer.Reply reply = server.send(HttpRequest.newBuilder(server.uri("/fn/echo/users/42?sort=asc&tag=a&tag=b"))
                    .header("Cookie", "theme=dark; lang=en")
                    .header("X-Custom", "yes")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"n\":1}"))
                    .header("Content-Type", "application/json")
                    .build());
            assertEquals(200, reply.status(), reply.body());
            JsonNode event = reply.json();
            assertEquals("2.0", event.path("version").asText());
            assertEquals("$default", event.path("routeKey").asText());
            assertEquals("/users/42", event.path("rawPath").asText());
            assertEquals("sort=asc&tag=a&tag=b", event.path("rawQueryString").asText());
            assertEquals("asc", event.path("queryStringParameters").path("sort").asText());
            assertEquals("a,b", event.path("queryStringParameters").path("tag").asText());
            assertEquals(List.of("theme=dark", "lang=en"), List.of(event.path("cookies").get(0).asText(),
                    event.path("cookies").get(1).asText()));
            assertEquals("yes", event.path("headers").path("x-custom").asText());
            assertFalse(event.path("headers").has("cookie"), "cookies travel in their own field");
            assertEquals("POST", event.path("requestContext").path("http").path("method").asText());
            assertEquals("/users/42", event.path("requestContext").path("http").path("path").asText());
            assertEquals("127.0.0.1", event.path("requestContext").path("http").path("sourceIp").asText());
            assertEquals("000000000000", event.path("requestContext").path("accountId").asText());
            assertEquals(reply.header("apigw-requestid"), event.path("requestContext").path("requestId").asText());
            assertEquals("{\"n\":1}", event.path("body").asText());
            assertFalse(event.path("isBase64Encoded").asBoolean());
        }

        @Test
        @DisplayName("maps a plain value to a 200 JSON body")
        void plainValue() {
            TestServer.Reply reply = server.get("/fn/shaped/plain");
            assertEquals(200, reply.status());
            assertEquals("application/json", reply.header("content-type"));
            assertEquals("world", reply.json().path("hello").asText());
        }

        @Test
        @DisplayName("maps statusCode, headers, cookies and body as API Gateway does")
        void response() {
            TestServer.Reply reply = server.post("/fn/shaped/created", "");
            assertEquals(201, reply.status());
            assertEquals("/things/1", reply.header("location"));
            assertEquals("session=abc; HttpOnly", reply.header("set-cookie"));
            assertEquals("made it", reply.body());
        }

        @Test
        @DisplayName("decodes a base64 body")
        void binary() {
            TestServer.Reply reply = server.get("/fn/shaped/binary");
            assertEquals("image/png", reply.header("content-type"));
            assertEquals(3, reply.response().body().length);
            assertEquals(2, reply.response().body()[1]);
        }

        @Test
        @DisplayName("answers a function error with API Gateway's 500, and an unknown function with 404")
        void errors() {
            TestServer.Reply failed = server.get("/fn/shaped/nowhere");
            assertEquals(500, failed.status());
            assertEquals("Internal Server Error", failed.json().path("message").asText());
            TestServer.Reply missing = server.get("/fn/nobody");
            assertEquals(404, missing.status());
            assertEquals("NotFound", missing.json().path("error").path("code").asText());
        }
    }

    @Nested
    @DisplayName("Lambda's Invoke API")
    class InvokeApi {

        HttpRequest.Builder invocation(String function) {
            return HttpRequest.newBuilder(server.uri("/2015-03-31/functions/" + function + "/invocations"));
        }

        @Test
        @DisplayName("returns the result with 200, the executed version and, when asked, the log's tail")
        void requestResponse() {
            TestServer.Reply reply = server.send(invocation("lambda").header("X-Amz-Log-Type", "Tail")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")).build());
            assertEquals(200, reply.status());
            assertEquals(1, reply.json().path("got").path("a").asInt());
            assertEquals("$LATEST", reply.header("X-Amz-Executed-Version"));
            assertNull(reply.header("X-Amz-Function-Error"));
            String log = new String(Base64.getDecoder().decode(reply.header("X-Amz-Log-Result")), StandardCharsets.UTF_8);
            assertTrue(log.startsWith("START RequestId: " + reply.header("X-Amzn-RequestId")), log);
            assertTrue(log.contains("\nREPORT RequestId: "), log);
        }

        @Test
        @DisplayName("accepts a function ARN with a qualifier, as the SDKs send it")
        void arn() {
            server.post("/api/functions/lambda/versions", "{}");
            TestServer.Reply reply = server.send(invocation("arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Alambda%3A1")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
            assertEquals(200, reply.status(), reply.body());
            assertEquals("1", reply.header("X-Amz-Executed-Version"));
            assertEquals("1", reply.json().path("version").asText());
        }

        @Test
        @DisplayName("marks a function error with X-Amz-Function-Error and Lambda's error payload")
        void functionError() {
            TestServer.Reply js = server.send(invocation("broken").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
            assertEquals(200, js.status());
            assertEquals("Unhandled", js.header("X-Amz-Function-Error"));
            assertEquals("RangeError", js.json().path("errorType").asText());
            assertTrue(js.json().has("trace"));
            TestServer.Reply py = server.send(invocation("py").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
            assertEquals("ValueError", py.json().path("errorType").asText());
            assertTrue(py.json().has("stackTrace"), "Python's runtime calls it stackTrace");
        }

        @Test
        @DisplayName("acknowledges an Event with 202 and runs it once")
        void event() {
            server.deployJs("async", "export const handler = async (event) => { console.log('got ' + event.id); };", "");
            TestServer.Reply reply = server.send(invocation("async").header("X-Amz-Invocation-Type", "Event")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"e-1\"}")).build());
            assertEquals(202, reply.status());
            assertNotNull(reply.header("X-Amzn-RequestId"));
            Await.until("the event to run", Duration.ofSeconds(30), () -> server.get("/api/functions/async/logs")
                    .json().path("lines").toString().contains("got e-1"));
            assertEquals(1, server.get("/api/functions/async/metrics").json().path("totals").path("invocations").asInt());
        }

        @Test
        @DisplayName("answers a DryRun with 204, and errors in Lambda's shape")
        void dryRunAndErrors() {
            TestServer.Reply dryRun = server.send(invocation("lambda").header("X-Amz-Invocation-Type", "DryRun")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
            assertEquals(204, dryRun.status());
            TestServer.Reply missing = server.send(invocation("nobody").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
            assertEquals(404, missing.status());
            assertEquals("ResourceNotFoundException", missing.header("X-Amzn-ErrorType"));
            TestServer.Reply malformed = server.send(invocation("lambda").POST(HttpRequest.BodyPublishers.ofString("{")).build());
            assertEquals(400, malformed.status());
            assertEquals("InvalidRequestContentException", malformed.header("X-Amzn-ErrorType"));
            server.deployJs("off", "export const handler = async () => 1;", "\"reservedConcurrency\":0");
            TestServer.Reply throttled = server.send(invocation("off").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
            assertEquals(429, throttled.status());
            assertEquals("TooManyRequestsException", throttled.header("X-Amzn-ErrorType"));
            assertEquals("ReservedFunctionConcurrentInvocationLimitExceeded", throttled.json().path("Reason").asText());
        }
    }

    @Nested
    @DisplayName("billing")
    class Billing {

        @Test
        @DisplayName("charges each invocation Lambda's price: $0.20 per million requests plus $0.0000166667 per GB-second of billed time")
        void perInvocation() {
            server.deployJs("priced", "export const handler = async () => 1;", "\"memoryMb\":1024");
            JsonNode cold = server.post("/api/functions/priced/invoke", "{}").json();
            JsonNode warm = server.post("/api/functions/priced/invoke", "{}").json();
            BigDecimal total = BigDecimal.ZERO;
            for (JsonNode reply : List.of(cold, warm)) {
                long billedMs = reply.path("report").path("billedDurationMs").asLong();
                // 1024 MB = 1 GB, so GB-seconds = billed ms / 1000.
                BigDecimal expected = new BigDecimal("0.0000002").add(new BigDecimal("0.0000166667")
                        .multiply(BigDecimal.valueOf(billedMs)).divide(BigDecimal.valueOf(1000)));
                assertEquals(0, expected.setScale(12, RoundingMode.HALF_UP).compareTo(reply.path("costUsd").decimalValue()),
                        "cost of " + billedMs + " ms at 1 GB: " + reply);
                total = total.add(expected);
            }
            JsonNode bill = server.get("/api/billing").json().path("functions").path("priced");
            assertEquals(0, total.setScale(12, RoundingMode.HALF_UP).compareTo(bill.path("totalUsd").decimalValue()),
                    "the function's bill sums its invocations: " + bill);
        }

        @Test
        @DisplayName("takes prices as configuration, and the free tier as a switch")
        void configurable() {
            JsonNode settings = server.get("/api/billing").json().path("settings");
            assertFalse(settings.path("freeTier").asBoolean());
            String cheaper = settings.toString().replace("\"freeTier\":false", "\"freeTier\":true");
            assertEquals(200, server.put("/api/billing", cheaper).status());
            JsonNode bill = server.get("/api/billing").json();
            assertTrue(bill.path("settings").path("freeTier").asBoolean());
            assertEquals(0, bill.path("workspace").path("totalUsd").decimalValue().signum(),
                    "a few invocations are inside the free tier: " + bill);
            assertEquals(400, server.put("/api/billing", "{\"prices\":{},\"freeTier\":1}").status());
            server.put("/api/billing", settings.toString());
        }
    }
}
