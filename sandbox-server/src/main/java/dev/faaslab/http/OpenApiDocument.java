package dev.faaslab.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/openapi.json}: the API's description, kept true by a test against the route table.
 *
 * <p>It is written in parts, one per feature ({@link #PARTS}), so that each feature's paths and schemas
 * sit in one file of their own; they are joined once, when the server starts. The first part holds
 * the document's head; the others add {@code paths}, {@code components} and {@code tags}, and may not
 * redefine what another part defines.
 */
final class OpenApiDocument {

    /** The parts, as resources beside this class, the head first. */
    static final List<String> PARTS = List.of("openapi.json", "openapi-tables.json", "openapi-buckets.json",
            "openapi-queues.json", "openapi-streams.json", "openapi-schedules.json", "openapi-traffic.json", "openapi-course.json",
            "openapi-simulations.json", "openapi-exercises.json", "openapi-classroom.json");

    private static final ObjectMapper JSON = dev.faaslab.core.Json.MAPPER;

    private final byte[] document;

    OpenApiDocument() {
        try {
            document = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(joined());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole document, its parts joined. */
    static ObjectNode joined() {
        ObjectNode document = read(PARTS.getFirst());
        for (String part : PARTS.subList(1, PARTS.size())) {
            ObjectNode addition = read(part);
            merge(part, "paths", document.with("paths"), addition.path("paths"));
            JsonNode components = addition.path("components");
            for (Iterator<Map.Entry<String, JsonNode>> kinds = components.fields(); kinds.hasNext(); ) {
                Map.Entry<String, JsonNode> kind = kinds.next();
                merge(part, "components/" + kind.getKey(), document.with("components").with(kind.getKey()),
                        kind.getValue());
            }
            if (addition.path("tags").isArray()) {
                ArrayNode tags = document.withArray("tags");
                addition.path("tags").forEach(tags::add);
            }
        }
        return document;
    }

    private static void merge(String part, String where, ObjectNode into, JsonNode from) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = from.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (into.has(field.getKey())) {
                throw new IllegalStateException("the OpenAPI part " + part + " defines " + where + "/" + field.getKey()
                        + ", which an earlier part already defines");
            }
            into.set(field.getKey(), field.getValue());
        }
    }

    private static ObjectNode read(String part) {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(part)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI part " + part + " is missing from the build");
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI part " + part + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    List<Route> routes() {
        return List.of(new Route("GET", "/api/openapi.json", this::documentHandler));
    }

    private void documentHandler(Exchange exchange) {
        exchange.send(200, Exchange.JSON_TYPE, document);
    }
}
