package dev.faaslab.grader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.core.InvalidInputException;
import dev.faaslab.core.Json;
import dev.faaslab.runtime.ErrorKind;
import dev.faaslab.runtime.Event;
import dev.faaslab.runtime.FunctionError;
import dev.faaslab.runtime.HttpReply;
import dev.faaslab.runtime.InvocationResult;
import dev.faaslab.runtime.Language;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The same submission behind several providers' doors answers every request alike. Each door is a function of its
 * own, deployed from the submission with the door's handler style and handler; each request goes to every door
 * through the platform's HTTP trigger, as a client's would (the style maps the request to its provider's objects
 * and the answer back to HTTP), under the door's own route ({@code path}: Azure Functions serves {@code /api/…}).
 * It passes when, for every request, every door gives the same status, content type and body (JSON compared as
 * JSON), and that answer meets the request's expectation, when it has one. The verdict names the first request
 * and door that differ, with both answers.
 *
 * @param doors    two or more: each a handler style, a handler in the submission, and a route prefix
 * @param requests the requests, in order
 * @param expect   per request, what its answer must meet ({@code {"statusCode", "headers", "body"}}), or null
 */
record Doors(List<Door> doors, List<Request> requests, List<Expectation> expect) implements PlatformProbe {

    static final int MOST_DOORS = 10;
    static final int MOST_REQUESTS = 20;
    /** The same sender and time on every run, as the grader's other HTTP requests ({@link GraderRequest}). */
    private static final long SENT_AT = 1_767_225_600_000L;
    private static final int SHOWN_BODY_CHARS = 160;

    /**
     * @param style    the handler style ({@code aws-lambda}, {@code cloudflare-workers} …)
     * @param handlers by language, {@code file.name} as the style reads it; a language without one has no such
     *                 door (Netlify runs no Python)
     * @param path     what the door's route puts before each request's path ({@code ""}, {@code "/api"})
     */
    record Door(String style, Map<Language, String> handlers, String path) {

        Door {
            handlers = Map.copyOf(handlers);
        }

        String words(Language language) {
            return style + " (" + handlers.get(language) + ")";
        }
    }

    /** A request, as the grader's {@code "http"} events write one; {@code body} is its bytes. */
    record Request(String method, String path, String query, List<Event.Header> headers, byte[] body) {
        String words() {
            return method + " " + path + (query.isEmpty() ? "" : "?" + query);
        }
    }

    Doors {
        doors = List.copyOf(doors);
        requests = List.copyOf(requests);
        expect = java.util.Collections.unmodifiableList(new ArrayList<>(expect));
        if (doors.isEmpty() || doors.size() > MOST_DOORS) {
            throw new IllegalArgumentException("doors lists 2 to " + MOST_DOORS + " doors, each {\"style\":"
                    + " \"cloudflare-workers\", \"handler\": \"worker.default\"} and optionally \"path\", not " + doors.size());
        }
        if (requests.isEmpty() || requests.size() > MOST_REQUESTS) {
            throw new IllegalArgumentException("doors sends 1 to " + MOST_REQUESTS + " \"requests\", each as a check's"
                    + " \"http\" ({\"method\": \"GET\", \"path\": \"/quote\", \"query\": \"item=tea\"}), not " + requests.size());
        }
        if (!expect.isEmpty() && expect.size() != requests.size()) {
            throw new IllegalArgumentException("doors' \"expect\" has one entry per request (null for none): "
                    + requests.size() + ", not " + expect.size());
        }
    }

    /**
     * {@code {"kind": "doors", "doors": [{"style": "aws-lambda", "handler": "lambda.handler"}, {"style":
     * "azure-functions", "handler": "azure.quote", "path": "/api"}], "requests": [{"method": "GET", "path": "/quote",
     * "query": "item=tea"}], "expect": [{"subset": {"statusCode": 200}}]}}.
     */
    static Doors read(JsonNode node) {
        for (String field : List.of("doors", "requests")) {
            if (!node.path(field).isArray()) {
                throw new IllegalArgumentException("doors needs \"" + field + "\": a list, not "
                        + (node.has(field) ? node.path(field) : "nothing"));
            }
        }
        List<Door> doors = new ArrayList<>();
        for (JsonNode door : node.path("doors")) {
            String path = door.path("path").asText("");
            Map<Language, String> handlers = new EnumMap<>(Language.class);
            JsonNode handler = door.path("handler");
            if (handler.isTextual()) {
                List.of(Language.values()).forEach(language -> handlers.put(language, handler.asText()));
            } else {
                handler.properties().forEach(entry -> handlers.put(Language.fromName(entry.getKey()),
                        entry.getValue().asText("")));
            }
            if (!door.path("style").isTextual() || handlers.isEmpty() || path.endsWith("/")
                    || !path.isEmpty() && !path.startsWith("/")) {
                throw new IllegalArgumentException("a door is {\"style\": \"cloudflare-workers\", \"handler\":"
                        + " \"worker.default\"} (or, by language, {\"nodejs\": \"worker.default\", \"python\":"
                        + " \"worker.Default\"}), and \"path\" when its route adds one before each request's path"
                        + " (\"/api\": a leading slash, no trailing one), not " + door);
            }
            handlers.values().forEach(dev.faaslab.runtime.HandlerName::parse);
            doors.add(new Door(door.path("style").asText(), handlers, path));
        }
        if (doors.size() < 2) {
            throw new IllegalArgumentException("doors compares 2 or more doors, not " + doors.size());
        }
        List<Request> requests = node.path("requests").valueStream().map(ExerciseReader::request).toList();
        List<Expectation> expect = new ArrayList<>();
        for (JsonNode entry : node.path("expect")) {
            expect.add(entry.isNull() ? null : ExerciseReader.expectation(entry));
        }
        return new Doors(doors, requests, expect);
    }

    /** One door's answer to one request, as a client reads it. */
    private record Answer(int status, String contentType, JsonNode body, FunctionError error) {

        static Answer of(InvocationResult result, HttpReply reply) {
            String type = reply.headers().stream().filter(header -> header.name().equalsIgnoreCase("content-type"))
                    .map(Event.Header::value).findFirst().orElse("");
            String text = new String(reply.body(), StandardCharsets.UTF_8);
            return new Answer(reply.status(), type, Functional.parseOrText(text), result.succeeded() ? null : result.error());
        }

        /** The media type alone: {@code application/json; charset=utf-8} and {@code application/json} are alike. */
        String mediaType() {
            int semicolon = contentType.indexOf(';');
            return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        }

        boolean sameAs(Answer other) {
            return status == other.status && mediaType().equals(other.mediaType()) && Expectation.same(body, other.body);
        }

        /**
         * As a functional check reads an HTTP answer: {@code {"statusCode", "headers": {"content-type"}, "body"}}, the
         * content type as its media type alone, as the doors are compared: Express's {@code res.json} adds
         * {@code ; charset=utf-8} where a web Response of JSON does not, and both are JSON.
         */
        JsonNode json() {
            ObjectNode node = Json.MAPPER.createObjectNode();
            node.put("statusCode", status);
            ObjectNode headers = node.putObject("headers");
            if (!contentType.isEmpty()) {
                headers.put("content-type", mediaType());
            }
            node.set("body", body);
            return node;
        }

        String words() {
            String shown = body.isTextual() ? '"' + body.textValue() + '"' : body.toString();
            return status + " " + (contentType.isEmpty() ? "(no content type)" : mediaType()) + " "
                    + (shown.length() > SHOWN_BODY_CHARS ? shown.substring(0, SHOWN_BODY_CHARS) + "…" : shown)
                    + (error == null ? "" : " (the function failed: " + error.describe() + ")");
        }
    }

    @Override
    public Verdict run(Trial trial) {
        Language language = trial.language();
        List<Door> doors = this.doors.stream().filter(door -> door.handlers().containsKey(language)).toList();
        List<String> known = trial.platform().runtime().styles().names();
        doors.stream().filter(door -> !known.contains(door.style())).findFirst().ifPresent(door -> {
            throw new IllegalStateException("this platform has no handler style '" + door.style() + "' (it has "
                    + String.join(", ", known) + ")");
        });
        List<String> deployed = new ArrayList<>();
        try {
            for (Door door : doors) {
                String name = trial.function() + "-door-" + (deployed.size() + 1);
                try {
                    trial.deployAs(name, door.style(), door.handlers().get(language));
                } catch (InvalidInputException e) {
                    return Verdict.fail(expected(), "the door " + door.words(language) + " could not be deployed: "
                            + e.getMessage(), "");
                }
                deployed.add(name);
            }
            return compare(trial, language, doors, deployed);
        } finally {
            deployed.forEach(trial::delete);
        }
    }

    private Verdict compare(Trial trial, Language language, List<Door> doors, List<String> functions) {
        List<InvocationResult> all = new ArrayList<>();
        for (int r = 0; r < requests.size(); r++) {
            Request request = requests.get(r);
            Answer first = null;
            for (int d = 0; d < doors.size(); d++) {
                Door door = doors.get(d);
                Trial.HttpAnswer sent = trial.invokeHttp(functions.get(d), event(door, request));
                all.add(sent.result());
                FunctionError error = sent.result().succeeded() ? null : sent.result().error();
                if (error != null && (error.kind() == ErrorKind.TIMEOUT || error.kind() == ErrorKind.MEMORY)) {
                    return Trial.failure(error, expected(), Trial.output(all));
                }
                Answer answer = Answer.of(sent.result(), sent.reply());
                String where = "request " + (r + 1) + " (" + request.words() + "): ";
                Optional<String> unmet = expect.isEmpty() || expect.get(r) == null ? Optional.empty()
                        : expect.get(r).mismatch(answer.json());
                if (unmet.isPresent()) {
                    return Verdict.fail(expected(), where + door.words(language) + " answered " + answer.words() + ", not "
                            + expect.get(r).describe() + " (" + unmet.get() + ")", Trial.output(all));
                }
                if (first == null) {
                    first = answer;
                } else if (!answer.sameAs(first)) {
                    return Verdict.fail(expected(), where + doors.getFirst().words(language) + " answered " + first.words()
                            + ", but " + door.words(language) + " answered " + answer.words(), Trial.output(all));
                }
            }
        }
        return Verdict.pass(expected(), requests.size() + " requests, each answered alike through " + doors.size()
                + (doors.size() == 1 ? " door" : " doors"), Trial.output(all));
    }

    /** The request as the door's HTTP trigger receives it: its path under the door's route. */
    private static Event.Http event(Door door, Request request) {
        return new Event.Http(request.method(), door.path() + request.path(), request.query(), request.headers(),
                request.body(), "127.0.0.1", "localhost", dev.faaslab.runtime.Ids.requestId(), SENT_AT);
    }

    @Override
    public EventSpec event() {
        return EventSpec.EMPTY;
    }

    @Override
    public String expected() {
        return "the same status, content type and body from " + String.join(", ", doors.stream().map(Door::style)
                .toList()) + " for each of " + requests.size() + " requests"
                + (expect.stream().anyMatch(java.util.Objects::nonNull) ? ", each as the task says" : "");
    }

    @Override
    public String kind() {
        return "doors";
    }
}
