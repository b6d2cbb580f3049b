package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.core.WorkspaceId;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Any web page the learner visits can send requests to 127.0.0.1: by a name of its own pointed there (DNS
 * rebinding, which the Host shows), or as a form or a fetch (which Origin and Sec-Fetch-Site show). Raw HTTP over
 * a socket, because a client library will not send another Host, and to send exactly what a browser sends.
 */
@DisplayName("The server, reached by web pages,")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebPagesTest {

    static final String IMPORT = "{\"format\":\"faaslab-progress\",\"version\":1,\"progress\":{\"lesson.hacked\":{}}}";

    TestServer server;
    int port;
    String self;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        server = TestServer.withAllowedHosts(data, List.of("faaslab.school.lan", ".lab.example"));
        port = server.server.port();
        self = "127.0.0.1:" + port;
        server.deployJs("counter", "export const handler = async (event) => ({ got: event });", "");
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void keepProgress() {
        assertEquals(200, server.put("/api/progress/lesson.kept", "{\"visited\":true}").status());
    }

    long invocations() {
        return server.platform.totals(WorkspaceId.LOCAL, "counter").invocations();
    }

    JsonNode progress() {
        return server.get("/api/progress").json().path("progress");
    }

    @Nested
    @DisplayName("by its Host header")
    class ByHost {

        @ParameterizedTest(name = "refuses Host: {0}")
        @ValueSource(strings = {"attacker.example", "attacker.example:PORT", "localhost.attacker.example:PORT",
                "127.0.0.1.nip.io:PORT", "school.lan", "faaslab.school.lan.attacker.example"})
        void refusesNamesThatAreNotItsOwn(String host) throws IOException {
            Raw reply = Raw.send(port, "GET", "/health", Map.of("Host", host.replace("PORT", "" + port)), null);
            assertEquals(403, reply.status, reply.text);
            assertEquals("HostNotAllowed", reply.code(), reply.text);
            String name = host.replace(":PORT", "");
            assertTrue(reply.message().contains("--allowed-hosts " + name), "says how to allow it: " + reply.text);
            OpenApiTest.assertConforms(OpenApiTest.schema("Error"), reply.json(), "the refusal");
        }

        @Test
        @DisplayName("refuses every method and path under a foreign name, before anything runs")
        void refusesChangesUnderAForeignName() throws IOException {
            long before = invocations();
            Raw reply = Raw.send(port, "POST", "/api/functions/counter/invoke",
                    Map.of("Host", "attacker.example:" + port, "Content-Type", "application/json"), "{}");
            assertEquals(403, reply.status, reply.text);
            assertEquals(before, invocations(), "the function did not run");
            assertEquals(403, Raw.send(port, "GET", "/", Map.of("Host", "attacker.example"), null).status);
        }

        @ParameterizedTest(name = "answers Host: {0}")
        @ValueSource(strings = {"localhost", "localhost:PORT", "LOCALHOST:PORT", "localhost.:PORT", "127.0.0.1:PORT",
                "[::1]:PORT", "192.168.1.20:PORT", "app.localhost:PORT"})
        void answersItsOwnNamesAndAnyAddress(String host) throws IOException {
            Raw reply = Raw.send(port, "GET", "/health", Map.of("Host", host.replace("PORT", "" + port)), null);
            assertEquals(200, reply.status, reply.text);
        }

        @ParameterizedTest(name = "answers Host: {0}")
        @ValueSource(strings = {"faaslab.school.lan", "faaslab.school.lan:8080", "pc7.lab.example", "lab.example:PORT"})
        void answersTheNamesItWasToldToAllow(String host) throws IOException {
            Raw reply = Raw.send(port, "GET", "/health", Map.of("Host", host.replace("PORT", "" + port)), null);
            assertEquals(200, reply.status, reply.text);
        }
    }

    @Nested
    @DisplayName("by where a change comes from")
    class ByOrigin {

        @ParameterizedTest(name = "refuses a cross-site text/plain POST to {0}")
        @ValueSource(strings = {"/api/functions/counter/invoke", "/api/exercises/greet-by-name/submissions",
                "/api/progress/import", "/fn/counter", "/2015-03-31/functions/counter/invocations"})
        void refusesCrossSiteTextPosts(String path) throws IOException {
            long before = invocations();
            Raw reply = Raw.send(port, "POST", path, Map.of("Host", self, "Origin", "https://attacker.example",
                    "Content-Type", "text/plain;charset=UTF-8"), IMPORT);
            assertEquals(403, reply.status, reply.text);
            assertEquals("CrossOriginRequest", reply.code(), reply.text);
            assertTrue(reply.message().contains("https://attacker.example"), reply.text);
            assertEquals(before, invocations(), "no function ran");
            assertTrue(progress().has("lesson.kept") && !progress().has("lesson.hacked"), "progress kept: " + progress());
        }

        @ParameterizedTest(name = "refuses {0} {1} from {2}")
        @CsvSource(delimiter = '|', textBlock = """
                PUT    | /api/progress/lesson.kept   | Origin: null
                DELETE | /api/progress/lesson.kept   | Origin: http://localhost:5173
                POST   | /api/functions/counter/invoke | Sec-Fetch-Site: cross-site
                POST   | /api/functions/counter/invoke | Sec-Fetch-Site: same-site
                PUT    | /api/functions/counter      | Origin: http://SELF.attacker.example
                """)
        void refusesChangesFromOtherPages(String method, String path, String header) throws IOException {
            String[] field = header.split(": ", 2);
            Raw reply = Raw.send(port, method, path, Map.of("Host", self, field[0], field[1].replace("SELF", self),
                    "Content-Type", "application/json"), "{}");
            assertEquals(403, reply.status, reply.text);
            assertEquals("CrossOriginRequest", reply.code(), reply.text);
            assertTrue(progress().has("lesson.kept"), "progress kept: " + progress());
        }

        @Test
        @DisplayName("says it closes the connection after refusing a body it did not read, so no next request is lost on it")
        void closesAConnectionWhoseBodyItDidNotRead() throws IOException {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(30_000);
                byte[] body = IMPORT.getBytes(StandardCharsets.UTF_8);
                // Kept alive, as HTTP/1.1 clients keep connections (java.net.http, browsers' fetch).
                String head = "POST /api/progress/import HTTP/1.1\r\nHost: " + self + "\r\nOrigin: https://attacker.example\r\n"
                        + "Content-Type: text/plain\r\nContent-Length: " + body.length + "\r\n\r\n";
                OutputStream out = socket.getOutputStream();
                out.write(head.getBytes(StandardCharsets.UTF_8));
                out.write(body);
                out.flush();
                StringBuilder answer = new StringBuilder();
                var in = socket.getInputStream();
                while (answer.indexOf("\r\n\r\n") < 0) {
                    int next = in.read();
                    if (next < 0) {
                        break;
                    }
                    answer.append((char) next);
                }
                String headers = answer.toString().toLowerCase(Locale.ROOT);
                assertTrue(headers.startsWith("http/1.1 403"), headers);
                assertTrue(headers.contains("\r\nconnection: close\r\n"), "the refusal says the connection closes: " + headers);
            }
        }

        @Test
        @DisplayName("takes changes from its own pages")
        void takesChangesFromItsOwnPages() throws IOException {
            long before = invocations();
            Raw invoked = Raw.send(port, "POST", "/api/functions/counter/invoke", Map.of("Host", self,
                    "Origin", "http://" + self, "Sec-Fetch-Site", "same-origin", "Content-Type", "application/json"),
                    "{\"n\":1}");
            assertEquals(200, invoked.status, invoked.text);
            assertEquals(before + 1, invocations());
            Raw saved = Raw.send(port, "PUT", "/api/progress/lesson.own", Map.of("Host", "localhost:" + port,
                    "Origin", "http://localhost:" + port, "Content-Type", "application/json"), "{\"own\":true}");
            assertEquals(200, saved.status, saved.text);
        }

        @Test
        @DisplayName("takes changes from programs that are not browsers: no Origin, no Sec-Fetch-Site")
        void takesChangesFromPrograms() throws IOException {
            long before = invocations();
            assertEquals(200, Raw.send(port, "POST", "/api/functions/counter/invoke", Map.of("Host", self,
                    "Content-Type", "application/json"), "{}").status);
            assertEquals(200, Raw.send(port, "POST", "/api/functions/counter/invoke", Map.of("Host", self), "{}").status,
                    "without a Content-Type, as Java's HttpClient and curl without -d send");
            Raw imported = Raw.send(port, "POST", "/api/progress/import", Map.of("Host", self,
                    "Content-Type", "application/json"), IMPORT.replace("hacked", "imported"));
            assertEquals(200, imported.status, imported.text);
            assertTrue(progress().has("lesson.imported"), progress().toString());
            assertEquals(before + 2, invocations());
        }

        @Test
        @DisplayName("lets any page ask, but gives it no permission to read the answer")
        void answersReadsWithoutSharingThem() throws IOException {
            Raw reply = Raw.send(port, "GET", "/api/progress", Map.of("Host", self, "Origin", "https://attacker.example",
                    "Sec-Fetch-Site", "cross-site"), null);
            assertEquals(200, reply.status, reply.text);
            assertNull(reply.headers.get("access-control-allow-origin"), "no CORS header: the browser keeps it from the page");
        }
    }

    @Nested
    @DisplayName("by the type of a body")
    class ByContentType {

        @ParameterizedTest(name = "refuses {1} to {0} {2} with 415")
        @CsvSource(delimiter = '|', textBlock = """
                POST | /api/functions/counter/invoke | text/plain;charset=UTF-8
                POST | /api/progress/import          | text/plain
                PUT  | /api/progress/lesson.kept     | application/x-www-form-urlencoded
                POST | /api/progress/import          | multipart/form-data; boundary=x
                PUT  | /api/functions/counter        | text/javascript
                POST | /api/functions/counter/versions | text/plain
                """)
        void refusesBodiesThatAreNotJson(String method, String path, String type) throws IOException {
            long before = invocations();
            Raw reply = Raw.send(port, method, path, Map.of("Host", self, "Content-Type", type), IMPORT);
            assertEquals(415, reply.status, reply.text);
            assertEquals("UnsupportedMediaType", reply.code(), reply.text);
            String sent = type.split(";")[0];
            assertEquals(sent, reply.json().path("error").path("received").asText(), reply.text);
            assertEquals("application/json", reply.json().path("error").path("expected").asText(), reply.text);
            assertTrue(reply.message().contains(sent) && reply.message().contains("application/json"), reply.text);
            OpenApiTest.assertConforms(OpenApiTest.schema("Error"), reply.json(), "the refusal");
            assertEquals(before, invocations(), "no function ran");
            assertTrue(progress().has("lesson.kept") && !progress().has("lesson.hacked"), "progress kept: " + progress());
        }

        @ParameterizedTest(name = "takes {0}")
        @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON",
                "application/merge-patch+json"})
        void takesJsonOfAnyKind(String type) throws IOException {
            Raw reply = Raw.send(port, "PUT", "/api/progress/lesson.typed", Map.of("Host", self, "Content-Type", type),
                    "{\"typed\":true}");
            assertEquals(200, reply.status, reply.text);
        }

        @Test
        @DisplayName("takes any type at the HTTP trigger, a function's own endpoint")
        void triggerTakesAnyType() throws IOException {
            Raw reply = Raw.send(port, "POST", "/fn/counter", Map.of("Host", self, "Content-Type", "text/plain"), "hi");
            assertEquals(200, reply.status, reply.text);
            assertEquals("hi", reply.json().path("got").path("body").asText(), reply.text);
        }

        @Test
        @DisplayName("takes application/octet-stream at Lambda's Invoke API, as the AWS SDK for JavaScript sends it")
        void invokeApiTakesOctetStream() throws IOException {
            Raw reply = Raw.send(port, "POST", "/2015-03-31/functions/counter/invocations", Map.of("Host", self,
                    "Content-Type", "application/octet-stream", "X-Amz-Invocation-Type", "RequestResponse"), "{\"a\":1}");
            assertEquals(200, reply.status, reply.text);
            assertEquals(1, reply.json().path("got").path("a").asInt(), reply.text);
        }
    }

    /** One request over its own connection, and its answer. */
    record Raw(int status, Map<String, String> headers, String text) {

        static Raw send(int port, String method, String path, Map<String, String> headers, String body)
                throws IOException {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(30_000);
                byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
                StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
                headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
                if (body != null) {
                    head.append("Content-Length: ").append(bytes.length).append("\r\n");
                }
                head.append("Connection: close\r\n\r\n");
                OutputStream out = socket.getOutputStream();
                out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                out.write(bytes);
                out.flush();
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int end = response.indexOf("\r\n\r\n");
                String[] lines = response.substring(0, end).split("\r\n");
                Map<String, String> fields = new LinkedHashMap<>();
                for (int i = 1; i < lines.length; i++) {
                    String[] field = lines[i].split(":", 2);
                    fields.put(field[0].trim().toLowerCase(Locale.ROOT), field[1].trim());
                }
                return new Raw(Integer.parseInt(lines[0].split(" ")[1]), fields, response.substring(end + 4));
            }
        }

        JsonNode json() {
            return TestServer.json(text);
        }

        String code() {
            return json().path("error").path("code").asText();
        }

        String message() {
            return json().path("error").path("message").asText();
        }
    }
}
