package dev.faaslab.events.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.platform.NotFoundException;
import dev.faaslab.runtime.sdk.SdkException;
import dev.faaslab.runtime.sdk.SdkService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The SDK's {@code queue}: what a function may do with its workspace's queues.
 * <ul>
 *   <li>{@code send {queue, body, delaySeconds?}} → {@code {messageId, md5OfBody}}</li>
 *   <li>{@code sendBatch {queue, entries:[{id, body, delaySeconds?}]}} →
 *       {@code {successful:[{id, messageId, md5OfBody}], failed:[{id, code, message}]}}</li>
 * </ul>
 * Refusals are {@link SdkException}s: {@code QueueDoesNotExist}, {@code ValidationException} (also for a
 * body over 256 KB).
 */
public final class QueueSdk implements SdkService {

    private static final ObjectMapper JSON = dev.faaslab.core.Json.MAPPER;
    private static final Set<String> SEND_FIELDS = Set.of("queue", "body", "delaySeconds");
    private static final Set<String> BATCH_FIELDS = Set.of("queue", "entries");
    private static final Set<String> ENTRY_FIELDS = Set.of("id", "body", "delaySeconds");

    private final QueueService queues;

    public QueueSdk(QueueService queues) {
        this.queues = queues;
    }

    @Override
    public String name() {
        return "queue";
    }

    @Override
    public JsonNode call(WorkspaceId workspace, String operation, JsonNode args) {
        try {
            return switch (operation) {
                case "send" -> send(workspace, args);
                case "sendBatch" -> sendBatch(workspace, args);
                default -> throw invalid("queue has no operation '" + operation + "': use send or sendBatch");
            };
        } catch (NotFoundException e) {
            throw new SdkException("QueueDoesNotExist", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private JsonNode send(WorkspaceId workspace, JsonNode args) {
        checkFields("send", args, SEND_FIELDS);
        SentMessage sent = queues.send(workspace, text(args, "queue", "send"), text(args, "body", "send"),
                delay(args, "send"));
        return JSON.valueToTree(sent);
    }

    private JsonNode sendBatch(WorkspaceId workspace, JsonNode args) {
        checkFields("sendBatch", args, BATCH_FIELDS);
        String queue = text(args, "queue", "sendBatch");
        JsonNode entries = args.get("entries");
        if (entries == null || !entries.isArray()) {
            throw invalid("sendBatch needs entries: an array of {id, body, delaySeconds?}");
        }
        List<QueueService.BatchEntry> batch = new ArrayList<>();
        for (JsonNode entry : entries) {
            checkFields("each entry of sendBatch", entry, ENTRY_FIELDS);
            batch.add(new QueueService.BatchEntry(text(entry, "id", "an entry"), text(entry, "body", "an entry"),
                    delay(entry, "an entry")));
        }
        return JSON.valueToTree(queues.sendBatch(workspace, queue, batch));
    }

    private static void checkFields(String what, JsonNode args, Set<String> allowed) {
        if (args == null || !args.isObject()) {
            throw invalid(what + " takes an object such as {queue: 'orders', body: '…'}");
        }
        args.fieldNames().forEachRemaining(field -> {
            if (!allowed.contains(field)) {
                throw invalid(what + " has no argument '" + field + "': it takes " + String.join(", ",
                        allowed.stream().sorted().toList()));
            }
        });
    }

    private static String text(JsonNode args, String field, String what) {
        JsonNode value = args.get(field);
        if (value == null || !value.isTextual()) {
            throw invalid(what + " needs " + field + " as a string" + (field.equals("body")
                    ? " (JSON.stringify an object first)" : ""));
        }
        return value.textValue();
    }

    private static Integer delay(JsonNode args, String what) {
        JsonNode value = args.get("delaySeconds");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw invalid(what + "'s delaySeconds must be a whole number of seconds (0 to 900)");
        }
        return value.intValue();
    }

    private static SdkException invalid(String message) {
        return new SdkException("ValidationException", message);
    }
}
