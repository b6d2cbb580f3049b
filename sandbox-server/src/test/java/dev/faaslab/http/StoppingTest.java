package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A server stopping")
class StoppingTest {

    @Test
    @DisplayName("with a request still running past its stop timeout abandons it and stops all the same, without an error")
    void abandonsWhatOutlivesTheTimeout(@TempDir Path data) throws Exception {
        TestServer server = TestServer.serving(Path.of("..", "web").toAbsolutePath().normalize(), data);
        server.server.stopTimeout(Duration.ofMillis(200));
        server.put("/api/functions/long", "{\"runtime\":\"nodejs\",\"timeoutSeconds\":60,\"code\":"
                + "\"export const handler = () => new Promise((resolve) => setTimeout(resolve, 60000));\"}");
        HttpClient client = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<String>> running = client.sendAsync(HttpRequest.newBuilder(
                server.uri("/api/functions/long/invoke")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!server.get("/api/functions/long/instances").body().contains("\"inFlight\":1")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the invocation never started");
            }
            Thread.sleep(10);
        }
        java.net.URI health = server.uri("/health");

        assertDoesNotThrow(server::close, "stopping is no error when a request outlives the stop timeout");
        Exception refused = assertThrows(Exception.class, () -> client.send(HttpRequest.newBuilder(health).build(),
                HttpResponse.BodyHandlers.ofString()));
        org.junit.jupiter.api.Assertions.assertTrue(refused instanceof ConnectException
                || refused.getCause() instanceof ConnectException, "and it no longer listens: " + refused);
        running.cancel(true);
    }
}
