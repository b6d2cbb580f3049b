package dev.faaslab.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.events.queue.EventSourceMapping;
import dev.faaslab.events.queue.Queue;
import dev.faaslab.events.queue.QueuePoller;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The REST API for the queue → function triggers, {@code /api/event-source-mappings…}. */
final class EventSourceMappingsApi {

    static final Set<String> MAPPING_FIELDS = Set.of("queue", "function", "qualifier", "batchSize",
            "maximumBatchingWindowSeconds", "reportBatchItemFailures", "enabled");
    /** What an update may change: the queue and the function stay, as on Lambda. */
    static final Set<String> MAPPING_UPDATE_FIELDS = Set.of("qualifier", "batchSize", "maximumBatchingWindowSeconds",
            "reportBatchItemFailures", "enabled");

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final QueuePoller poller;
    private final WorkspaceResolver workspaces;

    EventSourceMappingsApi(QueuePoller poller, WorkspaceResolver workspaces) {
        this.poller = poller;
        this.workspaces = workspaces;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/api/event-source-mappings", this::mappingsHandler),
                new Route("POST", "/api/event-source-mappings", this::createMappingHandler),
                new Route("GET", "/api/event-source-mappings/{uuid}", this::mappingHandler),
                new Route("PUT", "/api/event-source-mappings/{uuid}", this::updateMappingHandler),
                new Route("DELETE", "/api/event-source-mappings/{uuid}", this::deleteMappingHandler));
    }

    private void mappingsHandler(Exchange exchange) {
        WorkspaceId workspace = workspace(exchange);
        String function = exchange.query("function");
        ArrayNode list = Exchange.JSON.createArrayNode();
        for (EventSourceMapping mapping : poller.mappings(workspace)) {
            if (function == null || function.equals(mapping.function())) {
                list.add(mappingView(workspace, mapping, null));
            }
        }
        ObjectNode body = Exchange.JSON.createObjectNode();
        body.set("eventSourceMappings", list);
        exchange.json(200, body);
    }

    private void createMappingHandler(Exchange exchange) throws Exception {
        WorkspaceId workspace = workspace(exchange);
        JsonNode body = exchange.jsonBody();
        JsonFields.onlyFields(body, MAPPING_FIELDS, "{\"queue\":\"orders\",\"function\":\"process-orders\"}");
        if (!body.has("queue") || !body.has("function")) {
            throw ApiException.badField(body.has("queue") ? "function" : "queue", "a mapping needs \"queue\" (the queue to poll) and \"function\" (the"
                    + " function to invoke)");
        }
        String function = JsonFields.text(body, "function");
        try {
            FunctionsApi.checkName(function);
        } catch (ApiException e) {
            throw ApiException.badField("function", e.getMessage());
        }
        QueuePoller.Saved saved = poller.create(workspace, JsonFields.text(body, "queue"), function,
                qualifier(body, null),
                JsonFields.integer(body, "batchSize", EventSourceMapping.DEFAULT_BATCH_SIZE),
                JsonFields.integer(body, "maximumBatchingWindowSeconds", 0),
                !body.has("reportBatchItemFailures") || JsonFields.bool(body, "reportBatchItemFailures"),
                !body.has("enabled") || JsonFields.bool(body, "enabled"));
        exchange.response.getHeaders().put("Location", "/api/event-source-mappings/" + saved.mapping().uuid());
        exchange.json(201, mappingView(workspace, saved.mapping(), saved.warnings()));
    }

    private void mappingHandler(Exchange exchange) {
        exchange.json(200, mappingView(workspace(exchange), poller.mapping(workspace(exchange), uuid(exchange)), null));
    }

    private void updateMappingHandler(Exchange exchange) throws Exception {
        WorkspaceId workspace = workspace(exchange);
        EventSourceMapping current = poller.mapping(workspace, uuid(exchange));
        JsonNode body = exchange.jsonBody();
        JsonFields.onlyFields(body, MAPPING_UPDATE_FIELDS, "{\"enabled\":false} (the queue and the function of a"
                + " mapping stay: delete it and create another to change them)");
        EventSourceMapping changed = current.with(
                JsonFields.integer(body, "batchSize", current.batchSize()),
                JsonFields.integer(body, "maximumBatchingWindowSeconds", current.maximumBatchingWindowSeconds()),
                body.has("reportBatchItemFailures") ? JsonFields.bool(body, "reportBatchItemFailures")
                        : current.reportBatchItemFailures(),
                body.has("enabled") ? JsonFields.bool(body, "enabled") : current.enabled(),
                qualifier(body, current.qualifier()), current.updatedAt());
        QueuePoller.Saved saved = poller.update(workspace, changed);
        exchange.json(200, mappingView(workspace, saved.mapping(), saved.warnings()));
    }

    private void deleteMappingHandler(Exchange exchange) {
        poller.delete(workspace(exchange), uuid(exchange));
        exchange.empty(204);
    }

    private ObjectNode mappingView(WorkspaceId workspace, EventSourceMapping mapping, List<String> warnings) {
        ObjectNode node = Exchange.JSON.createObjectNode();
        node.put("uuid", mapping.uuid());
        node.put("queue", mapping.queue());
        node.put("eventSourceArn", workspace.identity().queueArn(mapping.queue()));
        node.put("function", mapping.function());
        node.put("qualifier", mapping.qualifier());
        node.put("batchSize", mapping.batchSize());
        node.put("maximumBatchingWindowSeconds", mapping.maximumBatchingWindowSeconds());
        node.put("reportBatchItemFailures", mapping.reportBatchItemFailures());
        node.put("enabled", mapping.enabled());
        node.put("state", mapping.enabled() ? "Enabled" : "Disabled");
        node.put("lastProcessingResult", poller.lastProcessingResult(mapping.uuid()));
        node.put("createdAt", mapping.createdAt().toString());
        node.put("updatedAt", mapping.updatedAt().toString());
        if (warnings != null) {
            ArrayNode list = node.putArray("warnings");
            warnings.forEach(list::add);
        }
        return node;
    }

    private static String qualifier(JsonNode body, String fallback) {
        if (!body.has("qualifier")) {
            return fallback;
        }
        return body.get("qualifier").isNull() ? null : JsonFields.text(body, "qualifier");
    }

    private WorkspaceId workspace(Exchange exchange) {
        return workspaces.resolve(exchange.request);
    }

    private static String uuid(Exchange exchange) {
        String uuid = exchange.param("uuid");
        if (!UUID.matcher(uuid).matches()) {
            throw ApiException.badRequest("'" + uuid + "' is not an event source mapping's id: a lower-case UUID"
                    + " such as 6f1c2a1e-0b7e-4b1e-9d3a-2f9e8c7b6a50, as POST /api/event-source-mappings returns");
        }
        return uuid;
    }
}
