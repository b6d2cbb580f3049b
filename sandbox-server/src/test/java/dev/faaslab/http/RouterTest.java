package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.core.InvalidInputException;
import dev.faaslab.platform.NotFoundException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The router maps every refusal in one place, and answers anything else a handler throws as the bug it is. */
class RouterTest {

    private static Server server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = new Server(0);
        server.setHandler(new Router(List.of(
                new Route("GET", "/bug/number", exchange -> exchange.json(200, Integer.parseInt("four"))),
                new Route("GET", "/bug/argument", exchange -> {
                    throw new IllegalArgumentException("secret internals at /srv/faaslab/data");
                }),
                new Route("GET", "/heap", exchange -> {
                    throw new OutOfMemoryError("Java heap space");
                }),
                new Route("GET", "/refusal/input", exchange -> {
                    throw new InvalidInputException("memoryMb", "memoryMb must be between 128 and 10240, not 1");
                }),
                new Route("GET", "/refusal/missing", exchange -> {
                    throw new NotFoundException("there is no function named 'f' in this workspace");
                }))));
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode error(HttpResponse<String> response) throws Exception {
        return Exchange.JSON.readTree(response.body()).get("error");
    }

    @Nested
    class ABugInAHandler {

        @Test
        void aNumberFormatExceptionIsA500WithARequestIdAndNotItsMessage() throws Exception {
            HttpResponse<String> response = get("/bug/number");
            assertEquals(500, response.statusCode(), response.body());
            JsonNode error = error(response);
            assertEquals("InternalError", error.get("code").textValue());
            String requestId = error.get("requestId").textValue();
            assertFalse(requestId.isBlank());
            assertTrue(error.get("message").textValue().contains(requestId), "the message names the id to report");
            assertFalse(response.body().contains("four"), "the exception's own message stays in the log: " + response.body());
            assertFalse(response.body().contains("NumberFormat"), response.body());
        }

        @Test
        void aBareIllegalArgumentExceptionIsA500TooAndItsMessageStaysInTheLog() throws Exception {
            HttpResponse<String> response = get("/bug/argument");
            assertEquals(500, response.statusCode(), response.body());
            assertFalse(response.body().contains("secret"), response.body());
        }

        @Test
        void aHeapThatRanOutIsA503ToTryAgainNotABugToReport() throws Exception {
            HttpResponse<String> response = get("/heap");
            assertEquals(503, response.statusCode(), response.body());
            assertEquals("1", response.headers().firstValue("Retry-After").orElse(null));
            assertEquals("ServerBusy", error(response).get("code").textValue());
            assertTrue(error(response).get("message").textValue().contains("try again"), response.body());
        }

        @Test
        void eachAnswerHasItsOwnRequestId() throws Exception {
            assertFalse(error(get("/bug/number")).get("requestId").equals(error(get("/bug/number")).get("requestId")));
        }
    }

    @Nested
    class AProblem {

        @Test
        void invalidInputIsA400NamingTheField() throws Exception {
            HttpResponse<String> response = get("/refusal/input");
            assertEquals(400, response.statusCode());
            JsonNode error = error(response);
            assertEquals("BadRequest", error.get("code").textValue());
            assertEquals("memoryMb", error.get("field").textValue());
            assertEquals("memoryMb must be between 128 and 10240, not 1", error.get("message").textValue());
        }

        @Test
        void aPlatformRefusalKeepsItsStatusAndCode() throws Exception {
            HttpResponse<String> response = get("/refusal/missing");
            assertEquals(404, response.statusCode());
            assertEquals("NotFound", error(response).get("code").textValue());
        }
    }
}
