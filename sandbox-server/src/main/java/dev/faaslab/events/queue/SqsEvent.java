package dev.faaslab.events.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.core.Identity;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The event Lambda hands a function for a batch of SQS messages ({@code Records[]}), and the reading of
 * the function's answer for a partial batch failure ({@code batchItemFailures}).
 */
public final class SqsEvent {

    private static final ObjectMapper JSON = dev.faaslab.core.Json.MAPPER;

    private SqsEvent() {
    }

    /** {@code {"Records":[…]}} for the messages, received from the queue {@code queue} of {@code identity}'s account. */
    public static String of(Identity identity, String queue, List<ReceivedMessage> messages) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (ReceivedMessage message : messages) {
            ObjectNode record = records.addObject();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", message.receiptHandle());
            record.put("body", message.body());
            putAttributes(record.putObject("attributes"), identity, message);
            record.putObject("messageAttributes");
            record.put("md5OfBody", message.md5OfBody());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", identity.queueArn(queue));
            record.put("awsRegion", identity.region());
        }
        return event.toString();
    }

    /** SQS's system attributes of a received message, as strings, as ReceiveMessage and the event show them. */
    public static void putAttributes(ObjectNode attributes, Identity identity, ReceivedMessage message) {
        attributes.put("ApproximateReceiveCount", Integer.toString(message.receiveCount()));
        attributes.put("SentTimestamp", Long.toString(message.sentAtMillis()));
        attributes.put("SenderId", identity.accountId());
        attributes.put("ApproximateFirstReceiveTimestamp", Long.toString(message.firstReceivedAtMillis()));
    }

    /**
     * Whether a function's result reports any message as failed: a {@code batchItemFailures} that is not
     * empty, well formed or not. A mapping without ReportBatchItemFailures ignores it, as Lambda does.
     */
    public static boolean reportsFailures(String resultJson) {
        try {
            JsonNode result = resultJson == null ? null : JSON.readTree(resultJson);
            JsonNode failures = result == null ? null : result.get("batchItemFailures");
            return failures != null && !failures.isNull() && !(failures.isArray() && failures.isEmpty());
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /**
     * The message ids a function's result reports as failed, as Lambda reads {@code batchItemFailures}:
     * none when the result has no such list (or it is null or empty); empty {@link Optional} when the
     * answer is malformed or names an id not in the batch, which fails the whole batch.
     */
    public static Optional<Set<String>> failedIds(String resultJson, Set<String> batchIds) {
        JsonNode result;
        try {
            result = resultJson == null ? null : JSON.readTree(resultJson);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        Set<String> failed = new HashSet<>();
        if (result == null || !result.isObject()) {
            return Optional.of(failed);
        }
        JsonNode failures = result.get("batchItemFailures");
        if (failures == null || failures.isNull()) {
            return Optional.of(failed);
        }
        if (!failures.isArray()) {
            return Optional.empty();
        }
        for (JsonNode failure : failures) {
            JsonNode id = failure.get("itemIdentifier");
            if (id == null || !id.isTextual() || !batchIds.contains(id.textValue())) {
                return Optional.empty();
            }
            failed.add(id.textValue());
        }
        return Optional.of(failed);
    }
}
