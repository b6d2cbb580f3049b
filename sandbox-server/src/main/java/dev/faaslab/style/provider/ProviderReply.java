package dev.faaslab.style.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.core.Json;
import dev.faaslab.runtime.Event;
import dev.faaslab.runtime.HttpReply;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP answer a provider style's guest gives, in one envelope whatever the provider's own objects were (a
 * web Response, Express's res, Azure's HttpResponseInit, Flask's tuple):
 * {@code {"status":200,"headers":[[name,value]…],"text":"…"}} for a body that is UTF-8 text, {@code "body":base64}
 * for other bytes. The Invoke API, the lab and the CLI show this answer as it is, so text stays readable.
 */
public final class ProviderReply {

    private ProviderReply() {
    }

    /** The envelope's reply; empty when the answer is not one (a style's file answered something else). */
    public static Optional<HttpReply> parse(String json) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Optional.empty();
        }
        if (node == null || !node.path("status").isInt() || !node.path("headers").isArray()) {
            return Optional.empty();
        }
        List<Event.Header> headers = new ArrayList<>();
        for (JsonNode pair : node.get("headers")) {
            headers.add(new Event.Header(pair.path(0).asText(), pair.path(1).asText()));
        }
        byte[] body;
        if (node.has("text")) {
            body = node.get("text").asText("").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } else {
            try {
                body = Base64.getDecoder().decode(node.path("body").asText(""));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        int status = node.get("status").asInt();
        return Optional.of(new HttpReply(status < 100 || status > 599 ? 500 : status, headers, List.of(), body));
    }

    /** A plain reply: {@code status}, one content type, the text. */
    public static HttpReply of(int status, String contentType, String text, Event.Header... more) {
        List<Event.Header> headers = new ArrayList<>();
        headers.add(new Event.Header("Content-Type", contentType));
        headers.addAll(List.of(more));
        return new HttpReply(status, headers, List.of(), text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
