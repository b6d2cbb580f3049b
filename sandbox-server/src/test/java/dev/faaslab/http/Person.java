package dev.faaslab.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Someone using a classroom server from a browser of their own: their cookies (the session), and the CSRF token
 * the session page gave them, sent on every change as FaaS Lab's pages send it. Nobody, until they sign in or join.
 */
final class Person {

    private final TestServer server;
    private final HttpClient client;
    final String name;
    String csrfToken;
    JsonNode session;

    Person(TestServer server, String name) {
        this.server = server;
        this.name = name;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
                .build();
    }

    /** A person who joined the class with this code; fails the test unless they could. */
    static Person learner(TestServer server, String name, String joinCode) {
        Person person = new Person(server, name);
        Reply joined = person.send("POST", "/api/classroom/join", "{\"code\":\"" + joinCode + "\",\"name\":\"" + name
                + "\"}");
        if (joined.status() != 201) {
            throw new AssertionError(name + " could not join: " + joined.status() + " " + joined.body());
        }
        person.signedIn(joined.json());
        return person;
    }

    /** An instructor who followed a one-time link and chose a login and password. */
    static Person instructor(TestServer server, String login, String linkToken) {
        Person person = new Person(server, login);
        Reply setUp = person.send("POST", "/api/classroom/setup", "{\"token\":\"" + linkToken + "\",\"login\":\""
                + login + "\",\"name\":\"" + login + "\",\"password\":\"correct horse battery\"}");
        if (setUp.status() != 200) {
            throw new AssertionError(login + " could not set up: " + setUp.status() + " " + setUp.body());
        }
        person.signedIn(setUp.json());
        return person;
    }

    void signedIn(JsonNode answer) {
        session = answer;
        csrfToken = answer.path("csrfToken").asText(null);
    }

    /** A reply, its body read whole (at most 1 MB; a live stream is cut after its first bytes). */
    record Reply(int status, String body, HttpResponse<InputStream> response) {
        JsonNode json() {
            return TestServer.json(body);
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    Reply get(String path) {
        return send("GET", path, null);
    }

    Reply send(String method, String path, String body) {
        return send(method, path, body, true);
    }

    /** {@code withToken}: whether the CSRF header goes with it, as the app's pages send it. */
    Reply send(String method, String path, String body, boolean withToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.uri("/") + path.substring(1)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (withToken && csrfToken != null) {
            request.header("X-CSRF-Token", csrfToken);
        }
        try {
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String text;
            try (InputStream in = response.body()) {
                boolean stream = response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
                text = new String(stream ? in.readNBytes(16) : in.readNBytes(1 << 20), StandardCharsets.UTF_8);
            }
            return new Reply(response.statusCode(), text, response);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " as " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A live stream ({@code text/event-stream}) as this person's browser reads it, with their session, line by line. */
    java.io.BufferedReader stream(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.uri("/") + path.substring(1))).build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new AssertionError(name + " could not open " + path + ": " + response.statusCode() + " "
                        + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
            }
            return new java.io.BufferedReader(new java.io.InputStreamReader(response.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " as " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
