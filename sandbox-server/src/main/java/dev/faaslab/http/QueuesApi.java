package dev.faaslab.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.events.queue.Queue;
import dev.faaslab.events.queue.QueueAttributes;
import dev.faaslab.events.queue.QueueCounts;
import dev.faaslab.events.queue.QueueService;
import dev.faaslab.events.queue.ReceivedMessage;
import dev.faaslab.events.queue.SentMessage;
import dev.faaslab.events.queue.SqsEvent;
import dev.faaslab.platform.ConflictException;
import dev.faaslab.platform.FunctionRecord;
import dev.faaslab.platform.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The REST API for queues ({@code /api/queues…}); {@link EventSourceMappingsApi} has their triggers. */
final class QueuesApi {

    static final Set<String> QUEUE_FIELDS = Set.of("visibilityTimeoutSeconds", "messageRetentionSeconds",
            "delaySeconds", "redrivePolicy");
    static final Set<String> REDRIVE_FIELDS = Set.of("deadLetterQueue", "maxReceiveCount");
    static final Set<String> SEND_FIELDS = Set.of("body", "delaySeconds");
    static final Set<String> BATCH_FIELDS = Set.of("entries");
    static final Set<String> ENTRY_FIELDS = Set.of("id", "body", "delaySeconds");
    static final Set<String> RECEIVE_FIELDS = Set.of("maxMessages", "visibilityTimeoutSeconds");

    private final QueueService queues;
    private final Platform platform;
    private final WorkspaceResolver workspaces;

    QueuesApi(QueueService queues, Platform platform, WorkspaceResolver workspaces) {
        this.queues = queues;
        this.platform = platform;
        this.workspaces = workspaces;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/api/queues", this::listHandler),
                new Route("GET", "/api/queues/{name}", this::getHandler),
                new Route("PUT", "/api/queues/{name}", this::putHandler),
                new Route("DELETE", "/api/queues/{name}", this::deleteHandler),
                new Route("POST", "/api/queues/{name}/messages", this::sendHandler),
                new Route("DELETE", "/api/queues/{name}/messages/{receiptHandle}", this::deleteMessageHandler),
                new Route("POST", "/api/queues/{name}/receive", this::receiveHandler),
                new Route("POST", "/api/queues/{name}/purge", this::purgeHandler));
    }

    // ---- queues ----

    private void listHandler(Exchange exchange) {
        WorkspaceId workspace = workspace(exchange);
        ArrayNode list = Exchange.JSON.createArrayNode();
        for (Queue queue : queues.queues(workspace)) {
            list.add(queueView(workspace, queue, queues.counts(workspace, queue)));
        }
        ObjectNode body = Exchange.JSON.createObjectNode();
        body.set("queues", list);
        exchange.json(200, body);
    }

    private void getHandler(Exchange exchange) {
        WorkspaceId workspace = workspace(exchange);
        Queue queue = queues.queue(workspace, name(exchange));
        exchange.json(200, queueView(workspace, queue, queues.counts(workspace, queue)));
    }

    private void putHandler(Exchange exchange) throws Exception {
        WorkspaceId workspace = workspace(exchange);
        String name = name(exchange);
        JsonNode body = optionalJsonBody(exchange);
        JsonFields.onlyFields(body, QUEUE_FIELDS, "{\"visibilityTimeoutSeconds\":30}");
        QueueAttributes current = queues.queues(workspace).stream().filter(q -> q.name().equals(name)).findFirst()
                .map(Queue::attributes).orElse(QueueAttributes.DEFAULT);
        QueueAttributes.RedrivePolicy redrive = body.has("redrivePolicy") ? redrive(body.get("redrivePolicy"))
                : current.redrivePolicy();
        QueueAttributes attributes = new QueueAttributes(
                JsonFields.integer(body, "visibilityTimeoutSeconds", current.visibilityTimeoutSeconds()),
                JsonFields.integer(body, "messageRetentionSeconds", current.messageRetentionSeconds()),
                JsonFields.integer(body, "delaySeconds", current.delaySeconds()), redrive);
        boolean created = queues.put(workspace, name, attributes);
        Queue queue = queues.queue(workspace, name);
        exchange.response.getHeaders().put("Location", "/api/queues/" + name);
        exchange.json(created ? 201 : 200, queueView(workspace, queue, queues.counts(workspace, queue)));
    }

    static QueueAttributes.RedrivePolicy redrive(JsonNode policy) {
        if (policy.isNull()) {
            return null;
        }
        if (!policy.isObject()) {
            throw JsonFields.wrongType("redrivePolicy", "an object such as {\"deadLetterQueue\":\"orders-dlq\","
                    + "\"maxReceiveCount\":3}, or null", policy);
        }
        JsonFields.onlyFields(policy, REDRIVE_FIELDS, "{\"deadLetterQueue\":\"orders-dlq\",\"maxReceiveCount\":3}");
        if (!policy.has("deadLetterQueue") || !policy.has("maxReceiveCount")) {
            throw ApiException.badRequest("redrivePolicy needs both deadLetterQueue and maxReceiveCount");
        }
        return new QueueAttributes.RedrivePolicy(JsonFields.text(policy, "deadLetterQueue"),
                JsonFields.integer(policy, "maxReceiveCount"));
    }

    private void deleteHandler(Exchange exchange) {
        WorkspaceId workspace = workspace(exchange);
        String name = name(exchange);
        queues.queue(workspace, name);
        for (FunctionRecord function : platform.functions(workspace)) {
            if (name.equals(function.spec().eventInvoke().onFailure())) {
                throw new ConflictException("the queue '" + name + "' is the on-failure destination of the function '"
                        + function.name() + "': change its onFailure first (PUT /api/functions/" + function.name()
                        + " with \"onFailure\": null)");
            }
        }
        queues.delete(workspace, name);
        exchange.empty(204);
    }

    // ---- messages ----

    private void sendHandler(Exchange exchange) throws Exception {
        WorkspaceId workspace = workspace(exchange);
        String name = name(exchange);
        JsonNode body = exchange.jsonBody();
        if (body.isObject() && body.has("entries")) {
            JsonFields.onlyFields(body, BATCH_FIELDS, "{\"entries\":[{\"id\":\"1\",\"body\":\"hello\"}]}");
            exchange.json(200, queues.sendBatch(workspace, name, entries(body.get("entries"))));
            return;
        }
        JsonFields.onlyFields(body, SEND_FIELDS, "{\"body\":\"hello\"} or {\"entries\":[{\"id\":\"1\",\"body\":\"hello\"}]}");
        if (!body.has("body")) {
            throw ApiException.badRequest("a message needs \"body\": its text (to send JSON, send it as a string)");
        }
        SentMessage sent = queues.send(workspace, name, JsonFields.text(body, "body"),
                JsonFields.integer(body, "delaySeconds", null));
        exchange.json(201, sent);
    }

    static List<QueueService.BatchEntry> entries(JsonNode entries) {
        if (!entries.isArray()) {
            throw JsonFields.wrongType("entries", "an array of {\"id\",\"body\",\"delaySeconds\"}", entries);
        }
        List<QueueService.BatchEntry> list = new ArrayList<>();
        for (JsonNode entry : entries) {
            JsonFields.onlyFields(entry, ENTRY_FIELDS, "{\"id\":\"1\",\"body\":\"hello\"}");
            if (!entry.has("id") || !entry.has("body")) {
                throw ApiException.badRequest("each entry needs \"id\" (unique in the batch) and \"body\"");
            }
            list.add(new QueueService.BatchEntry(JsonFields.text(entry, "id"), JsonFields.text(entry, "body"),
                    JsonFields.integer(entry, "delaySeconds", null)));
        }
        return list;
    }

    private void receiveHandler(Exchange exchange) throws Exception {
        WorkspaceId workspace = workspace(exchange);
        JsonNode body = optionalJsonBody(exchange);
        JsonFields.onlyFields(body, RECEIVE_FIELDS, "{\"maxMessages\":10}");
        List<ReceivedMessage> received = queues.receive(workspace, name(exchange),
                JsonFields.integer(body, "maxMessages", 1), JsonFields.integer(body, "visibilityTimeoutSeconds", null));
        ArrayNode messages = Exchange.JSON.createArrayNode();
        for (ReceivedMessage message : received) {
            ObjectNode view = messages.addObject();
            view.put("messageId", message.messageId());
            view.put("receiptHandle", message.receiptHandle());
            view.put("body", message.body());
            view.put("md5OfBody", message.md5OfBody());
            SqsEvent.putAttributes(view.putObject("attributes"), workspace.identity(), message);
        }
        ObjectNode view = Exchange.JSON.createObjectNode();
        view.set("messages", messages);
        exchange.json(200, view);
    }

    private void deleteMessageHandler(Exchange exchange) {
        queues.deleteMessage(workspace(exchange), name(exchange), exchange.param("receiptHandle"));
        exchange.empty(204);
    }

    private void purgeHandler(Exchange exchange) {
        ObjectNode view = Exchange.JSON.createObjectNode();
        view.put("purged", queues.purge(workspace(exchange), name(exchange)));
        exchange.json(200, view);
    }

    // ---- views ----

    private static ObjectNode queueView(WorkspaceId workspace, Queue queue, QueueCounts counts) {
        QueueAttributes attributes = queue.attributes();
        ObjectNode node = Exchange.JSON.createObjectNode();
        node.put("name", queue.name());
        node.put("arn", workspace.identity().queueArn(queue.name()));
        node.put("visibilityTimeoutSeconds", attributes.visibilityTimeoutSeconds());
        node.put("messageRetentionSeconds", attributes.messageRetentionSeconds());
        node.put("delaySeconds", attributes.delaySeconds());
        if (attributes.redrivePolicy() == null) {
            node.putNull("redrivePolicy");
        } else {
            node.putObject("redrivePolicy").put("deadLetterQueue", attributes.redrivePolicy().deadLetterQueue())
                    .put("maxReceiveCount", attributes.redrivePolicy().maxReceiveCount());
        }
        node.put("approximateNumberOfMessages", counts.visible());
        node.put("approximateNumberOfMessagesNotVisible", counts.inFlight());
        node.put("approximateNumberOfMessagesDelayed", counts.delayed());
        node.put("createdAt", queue.createdAt().toString());
        node.put("updatedAt", queue.updatedAt().toString());
        return node;
    }

    // ---- parameters ----

    /** The body as JSON, or an empty object when there is none (the defaults' way of saying "nothing to change"). */
    private static JsonNode optionalJsonBody(Exchange exchange) throws java.io.IOException {
        JsonNode body = exchange.optionalJsonBody();
        return body == null ? Exchange.JSON.createObjectNode() : body;
    }

    private WorkspaceId workspace(Exchange exchange) {
        return workspaces.resolve(exchange.request);
    }

    private static String name(Exchange exchange) {
        return Queue.checkName("the queue name", exchange.param("name"));
    }
}
