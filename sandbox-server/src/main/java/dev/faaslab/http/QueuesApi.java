package dev.faaslab.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.core.Identity;
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
        exchange.json(200, new QueueList(queues.queues(workspace).stream().map(queue -> view(workspace, queue))
                .toList()));
    }

    private void getHandler(Exchange exchange) {
        WorkspaceId workspace = workspace(exchange);
        exchange.json(200, view(workspace, queues.queue(workspace, name(exchange))));
    }

    private void putHandler(Exchange exchange) throws Exception {
        WorkspaceId workspace = workspace(exchange);
        String name = name(exchange);
        QueueRequest request = QueueRequest.from(optionalJsonBody(exchange));
        QueueAttributes current = queues.queues(workspace).stream().filter(q -> q.name().equals(name)).findFirst()
                .map(Queue::attributes).orElse(QueueAttributes.DEFAULT);
        boolean created = queues.put(workspace, name, request.over(current));
        exchange.response.getHeaders().put("Location", "/api/queues/" + name);
        exchange.json(created ? 201 : 200, view(workspace, queues.queue(workspace, name)));
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
            exchange.json(200, queues.sendBatch(workspace, name, SendBatchRequest.from(body).entries()));
            return;
        }
        SendMessageRequest request = SendMessageRequest.from(body);
        SentMessage sent = queues.send(workspace, name, request.body(), request.delaySeconds());
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
        ReceiveRequest request = ReceiveRequest.from(optionalJsonBody(exchange));
        List<ReceivedMessage> received = queues.receive(workspace, name(exchange), request.maxMessages(),
                request.visibilityTimeoutSeconds());
        exchange.json(200, new ReceivedMessages(received.stream()
                .map(message -> ReceivedMessageView.of(message, workspace.identity())).toList()));
    }

    private void deleteMessageHandler(Exchange exchange) {
        queues.deleteMessage(workspace(exchange), name(exchange), exchange.param("receiptHandle"));
        exchange.empty(204);
    }

    private void purgeHandler(Exchange exchange) {
        exchange.json(200, new Purged(queues.purge(workspace(exchange), name(exchange))));
    }

    private QueueView view(WorkspaceId workspace, Queue queue) {
        return QueueView.of(queue, workspace.identity().queueArn(queue.name()), queues.counts(workspace, queue));
    }

    // ---- bodies ----

    /**
     * A PUT of a queue: the attributes it names, null where it names none; the redrive policy only when
     * {@code namesRedrivePolicy}, as a null policy removes it.
     */
    record QueueRequest(Integer visibilityTimeoutSeconds, Integer messageRetentionSeconds, Integer delaySeconds,
                        boolean namesRedrivePolicy, QueueAttributes.RedrivePolicy redrivePolicy) {

        static QueueRequest from(JsonNode body) {
            JsonFields.onlyFields(body, QUEUE_FIELDS, "{\"visibilityTimeoutSeconds\":30}");
            boolean namesRedrive = body.has("redrivePolicy");
            QueueAttributes.RedrivePolicy redrive = namesRedrive ? redrive(body.get("redrivePolicy")) : null;
            return new QueueRequest(JsonFields.integer(body, "visibilityTimeoutSeconds", null),
                    JsonFields.integer(body, "messageRetentionSeconds", null),
                    JsonFields.integer(body, "delaySeconds", null), namesRedrive, redrive);
        }

        /** The queue's attributes once this request is applied: {@code current}'s where it names none. */
        QueueAttributes over(QueueAttributes current) {
            return new QueueAttributes(
                    visibilityTimeoutSeconds == null ? current.visibilityTimeoutSeconds() : visibilityTimeoutSeconds,
                    messageRetentionSeconds == null ? current.messageRetentionSeconds() : messageRetentionSeconds,
                    delaySeconds == null ? current.delaySeconds() : delaySeconds,
                    namesRedrivePolicy ? redrivePolicy : current.redrivePolicy());
        }
    }

    /** One message to send; a null delay takes the queue's. */
    record SendMessageRequest(String body, Integer delaySeconds) {

        static SendMessageRequest from(JsonNode body) {
            JsonFields.onlyFields(body, SEND_FIELDS, "{\"body\":\"hello\"} or {\"entries\":[{\"id\":\"1\","
                    + "\"body\":\"hello\"}]}");
            if (!body.has("body")) {
                throw ApiException.badRequest("a message needs \"body\": its text (to send JSON, send it as a string)");
            }
            return new SendMessageRequest(JsonFields.text(body, "body"),
                    JsonFields.integer(body, "delaySeconds", null));
        }
    }

    /** Up to ten messages to send at once, each with an id that its result names. */
    record SendBatchRequest(List<QueueService.BatchEntry> entries) {

        static SendBatchRequest from(JsonNode body) {
            JsonFields.onlyFields(body, BATCH_FIELDS, "{\"entries\":[{\"id\":\"1\",\"body\":\"hello\"}]}");
            return new SendBatchRequest(QueuesApi.entries(body.get("entries")));
        }
    }

    /** A receive: how many messages at most, and a visibility timeout of its own (null: the queue's). */
    record ReceiveRequest(int maxMessages, Integer visibilityTimeoutSeconds) {

        static ReceiveRequest from(JsonNode body) {
            JsonFields.onlyFields(body, RECEIVE_FIELDS, "{\"maxMessages\":10}");
            return new ReceiveRequest(JsonFields.integer(body, "maxMessages", 1),
                    JsonFields.integer(body, "visibilityTimeoutSeconds", null));
        }
    }

    // ---- answers ----

    /** A queue as the API shows it: its attributes and SQS's approximate counts of its messages. */
    record QueueView(String name, String arn, int visibilityTimeoutSeconds, int messageRetentionSeconds,
                     int delaySeconds, RedrivePolicyView redrivePolicy, long approximateNumberOfMessages,
                     long approximateNumberOfMessagesNotVisible, long approximateNumberOfMessagesDelayed,
                     String createdAt, String updatedAt) {

        static QueueView of(Queue queue, String arn, QueueCounts counts) {
            QueueAttributes attributes = queue.attributes();
            return new QueueView(queue.name(), arn, attributes.visibilityTimeoutSeconds(),
                    attributes.messageRetentionSeconds(), attributes.delaySeconds(),
                    RedrivePolicyView.of(attributes.redrivePolicy()), counts.visible(), counts.inFlight(),
                    counts.delayed(), queue.createdAt().toString(), queue.updatedAt().toString());
        }
    }

    /** A queue's redrive policy as the API shows it. */
    record RedrivePolicyView(String deadLetterQueue, int maxReceiveCount) {

        /** Null, shown as null, when the queue has none. */
        static RedrivePolicyView of(QueueAttributes.RedrivePolicy policy) {
            return policy == null ? null : new RedrivePolicyView(policy.deadLetterQueue(), policy.maxReceiveCount());
        }
    }

    /** The queues of a workspace. */
    record QueueList(List<QueueView> queues) {
    }

    /**
     * A received message. Its attributes are SQS's system attributes as the queue trigger's event writes them
     * ({@link SqsEvent#putAttributes}), so both show them alike.
     */
    record ReceivedMessageView(String messageId, String receiptHandle, String body, String md5OfBody,
                               ObjectNode attributes) {

        static ReceivedMessageView of(ReceivedMessage message, Identity identity) {
            ObjectNode attributes = Exchange.JSON.createObjectNode();
            SqsEvent.putAttributes(attributes, identity, message);
            return new ReceivedMessageView(message.messageId(), message.receiptHandle(), message.body(),
                    message.md5OfBody(), attributes);
        }
    }

    /** The messages a receive took, oldest first. */
    record ReceivedMessages(List<ReceivedMessageView> messages) {
    }

    /** How many messages a purge deleted. */
    record Purged(int purged) {
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
