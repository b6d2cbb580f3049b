package dev.faaslab.grader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.core.Json;
import dev.faaslab.events.http.HttpApiResponse;
import dev.faaslab.events.http.HttpHeader;
import dev.faaslab.events.http.HttpResponseData;
import dev.faaslab.runtime.InvocationResult;
import dev.faaslab.runtime.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * An event in, a result out. For an HTTP event the result is read as API Gateway would send it,
 * {@code {"statusCode":…,"headers":{…},"body":…}} with a JSON body parsed, so that returning a bare object and
 * returning {@code {statusCode: 200, body: JSON.stringify(…)}} are graded alike, as a client would see them.
 */
record Functional(EventSpec event, Expectation expectation) implements PlatformProbe {

    private static final ObjectMapper JSON = Json.MAPPER;

    @Override
    public Verdict run(Trial trial) {
        InvocationResult result = trial.invoke(event);
        String output = Trial.output(List.of(result));
        if (!(result.outcome() instanceof Outcome.Success(String json))) {
            return Trial.failure(result.error(), expected(), output);
        }
        JsonNode actual = answer(event, json);
        Optional<String> mismatch = expectation.mismatch(actual);
        return mismatch.isEmpty() ? Verdict.pass(expected(), actual.toString(), output)
                : Verdict.fail(expected(), actual + " (" + mismatch.get() + ")", output);
    }

    @Override
    public String expected() {
        return expectation.describe();
    }

    /** A successful result as a client sees it: an HTTP one as API Gateway maps it, any other as its JSON. */
    static JsonNode answer(EventSpec event, String json) {
        return event.http() ? response(HttpApiResponse.fromResult(json)) : parse(json);
    }

    private static JsonNode response(HttpResponseData response) {
        ObjectNode node = JSON.createObjectNode();
        node.put("statusCode", response.status());
        ObjectNode headers = node.putObject("headers");
        for (HttpHeader header : response.headers()) {
            headers.put(header.name().toLowerCase(java.util.Locale.ROOT), header.value());
        }
        String body = new String(response.body(), StandardCharsets.UTF_8);
        node.set("body", body.isEmpty() ? JSON.getNodeFactory().textNode("") : parseOrText(body));
        return node;
    }

    private static JsonNode parse(String json) {
        try {
            return json == null ? JSON.nullNode() : JSON.readTree(json);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }

    /** {@code text} as JSON when it is JSON, else as a string. */
    static JsonNode parseOrText(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node == null || node.isMissingNode() ? JSON.getNodeFactory().textNode(text) : node;
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }

    @Override
    public String kind() {
        return "functional";
    }
}
