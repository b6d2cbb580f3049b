package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a request's body is framed decides whether the event has one. Raw HTTP/1.1 over a socket, because
 * an HTTP client library always frames bodies its own way.
 */
@DisplayName("The HTTP trigger reads a body")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TriggerBodyTest {

    TestServer server;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        server = new TestServer(data);
        server.deployJs("echo", "export const handler = async (event) => ({ hasBody: 'body' in event,"
                + " body: event.body ?? null });", "");
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @Test
    @DisplayName("not at all when the request has neither Content-Length nor Transfer-Encoding")
    void noFramingMeansNoBody() throws IOException {
        JsonNode event = send("GET /fn/echo HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertFalse(event.path("hasBody").asBoolean(), "no body field: " + event);
    }

    @Test
    @DisplayName("as empty when Content-Length is 0")
    void zeroLengthMeansNoBody() throws IOException {
        JsonNode event = send("POST /fn/echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertFalse(event.path("hasBody").asBoolean(), "no body field: " + event);
    }

    @Test
    @DisplayName("whole when it comes in chunks")
    void chunkedBodiesAreRead() throws IOException {
        JsonNode event = send("POST /fn/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
        assertTrue(event.path("hasBody").asBoolean(), "a body field: " + event);
        assertEquals("hello world", event.path("body").asText());
    }

    @Test
    @DisplayName("by its Content-Length")
    void sizedBodiesAreRead() throws IOException {
        JsonNode event = send("POST /fn/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 5\r\nConnection: close\r\n\r\nhello");
        assertEquals("hello", event.path("body").asText());
    }

    @Test
    @DisplayName("whole when it arrives in pieces, with pauses between them")
    void bodiesInPiecesAreReadWhole() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /fn/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: 11\r\nConnection: close\r\n\r\nhel").getBytes(StandardCharsets.UTF_8));
            for (String piece : new String[] {"lo", " wor", "ld"}) {
                out.flush();
                Thread.sleep(100);
                out.write(piece.getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
            assertEquals("hello world", answer(socket).path("body").asText());
        }
    }

    /** Sends one request and returns the JSON body of the answer. */
    JsonNode send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return answer(socket);
        }
    }

    /** The JSON body of the answer that comes on {@code socket}, which must be a 200. */
    static JsonNode answer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String response = all.toString(StandardCharsets.UTF_8);
        assertTrue(response.startsWith("HTTP/1.1 200"), response);
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        return TestServer.JSON.readTree(body);
    }
}
