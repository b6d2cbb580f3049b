package dev.faaslab.style.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.core.Json;
import dev.faaslab.runtime.Event;
import java.time.Instant;
import java.util.Base64;

/**
 * What a provider's style gives its guest for an {@link Event}, in one neutral JSON text that its JavaScript and
 * Python files turn into the provider's own objects (a web Request, an Express request, a CloudEvent …):
 *
 * <ul>
 *   <li>{@code {"kind":"http","method","path","query","headers":[[name,value]…],"body":base64,"ip","id","time"}};</li>
 *   <li>{@code {"kind":"queue","queue","messages":[{"id","body","timestamp","attempts"}…]}} for an SQS batch;</li>
 *   <li>{@code {"kind":"bucket","records":[{"bucket","key","size","etag","event","time"}…]}} for S3 notifications;</li>
 *   <li>{@code {"kind":"schedule","schedule","time"}} for an EventBridge scheduled event;</li>
 *   <li>{@code {"kind":"json","json":…}} for anything else (the Invoke API's own JSON).</li>
 * </ul>
 *
 * <p>The platform writes every event in AWS's shapes; reading them back here keeps it ignorant of styles.
 */
public final class ProviderEvent {

    private ProviderEvent() {
    }

    /** The event's neutral JSON text. */
    public static String json(Event event) {
        return switch (event) {
            case Event.Http http -> http(http).toString();
            case Event.Json(String json) -> fromAws(json).toString();
        };
    }

    private static ObjectNode http(Event.Http http) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("kind", "http");
        node.put("method", http.method());
        node.put("path", http.path());
        node.put("query", http.rawQuery());
        ArrayNode headers = node.putArray("headers");
        for (Event.Header header : http.headers()) {
            headers.addArray().add(header.name()).add(header.value());
        }
        node.put("host", http.host());
        node.put("body", Base64.getEncoder().encodeToString(http.body()));
        node.put("ip", http.sourceIp());
        node.put("id", http.requestId());
        node.put("time", http.timeEpochMillis());
        return node;
    }

    /** Reads the AWS shape the platform wrote; anything else is the caller's own JSON. */
    static ObjectNode fromAws(String json) {
        JsonNode event;
        try {
            event = Json.MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            event = null; // the runtime has checked the JSON; a guest then sees it as text
        }
        ObjectNode node = Json.MAPPER.createObjectNode();
        JsonNode records = event == null ? null : event.get("Records");
        String source = records != null && records.isArray() && !records.isEmpty()
                ? records.get(0).path("eventSource").asText("") : "";
        if (source.equals("aws:sqs")) {
            node.put("kind", "queue");
            String arn = records.get(0).path("eventSourceARN").asText("");
            node.put("queue", arn.substring(arn.lastIndexOf(':') + 1));
            ArrayNode messages = node.putArray("messages");
            for (JsonNode record : records) {
                ObjectNode message = messages.addObject();
                message.put("id", record.path("messageId").asText());
                message.put("body", record.path("body").asText());
                message.put("timestamp", record.path("attributes").path("SentTimestamp").asLong());
                message.put("attempts", record.path("attributes").path("ApproximateReceiveCount").asInt(1));
            }
        } else if (source.equals("aws:s3")) {
            node.put("kind", "bucket");
            ArrayNode out = node.putArray("records");
            for (JsonNode record : records) {
                ObjectNode change = out.addObject();
                change.put("bucket", record.path("s3").path("bucket").path("name").asText());
                change.put("key", java.net.URLDecoder.decode(record.path("s3").path("object").path("key").asText(),
                        java.nio.charset.StandardCharsets.UTF_8));
                change.put("size", record.path("s3").path("object").path("size").asLong());
                change.put("etag", record.path("s3").path("object").path("eTag").asText(""));
                change.put("event", record.path("eventName").asText());
                change.put("time", record.path("eventTime").asText());
            }
        } else if (event != null && "aws.events".equals(event.path("source").asText())
                && "Scheduled Event".equals(event.path("detail-type").asText())) {
            node.put("kind", "schedule");
            String rule = event.path("resources").path(0).asText("");
            node.put("schedule", rule.substring(rule.lastIndexOf('/') + 1));
            node.put("time", Instant.parse(event.path("time").asText(Instant.EPOCH.toString())).toEpochMilli());
        } else {
            node.put("kind", "json");
            if (event != null) {
                node.set("json", event);
            } else {
                node.put("json", json);
            }
        }
        return node;
    }
}
