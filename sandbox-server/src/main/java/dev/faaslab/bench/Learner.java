package dev.faaslab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.core.Json;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * One person at the classroom server, as a browser would be: their own cookie jar (the session cookie) and the
 * CSRF token their session gave them, sent with every change as FaaS Lab's pages send it.
 */
final class Learner {

    /** An answer: its status and its body, read whole; {@code nanos} from sending to the last byte. */
    record Reply(int status, String body, long nanos) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                return Json.MAPPER.missingNode();
            }
        }
    }

    private final URI server;
    private final HttpClient client;
    final String name;
    private String csrfToken;

    Learner(URI server, String name, Executor executor) {
        this.server = server;
        this.name = name;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
                .executor(executor).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Keeps the CSRF token of the session that {@code answer} (of a join or a set-up) started. */
    void signedIn(Reply answer) {
        csrfToken = answer.json().path("csrfToken").asText(null);
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    Reply send(String method, String path, Object body) throws IOException, InterruptedException {
        String json = body == null ? null : Json.MAPPER.writeValueAsString(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path)).timeout(Duration.ofSeconds(120))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (csrfToken != null) {
            request.header("X-CSRF-Token", csrfToken);
        }
        long start = System.nanoTime();
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body(), System.nanoTime() - start);
    }

    void close() {
        client.close();
    }

    @Override
    public String toString() {
        return name;
    }
}
