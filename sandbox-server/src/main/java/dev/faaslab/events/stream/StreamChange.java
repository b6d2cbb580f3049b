package dev.faaslab.events.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.state.table.Table;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What one write did to one item, as its stream record keeps it: plain JSON as the table holds items
 * (the event turns it into DynamoDB's typed values), the images only where the view type keeps them.
 *
 * @param newImage null when the view type or the change has none
 * @param oldImage null when the view type or the change has none
 */
public record StreamChange(EventName eventName, StreamViewType viewType, String keys, String newImage,
                           String oldImage) {

    /** DynamoDB's names for what happened to the item. */
    public enum EventName { INSERT, MODIFY, REMOVE }

    private static final ObjectMapper JSON = dev.faaslab.core.Json.EXACT_NUMBERS;

    /**
     * The record of a write that turned {@code before} into {@code after} (empty: no item), or none when
     * the item did not change: DynamoDB writes no record for a write that leaves the item as it was.
     */
    public static Optional<StreamChange> of(Table table, StreamViewType viewType, Optional<String> before,
                                            Optional<String> after) {
        if (before.isEmpty() && after.isEmpty()) {
            return Optional.empty();
        }
        if (before.isPresent() && after.isPresent() && read(before.get()).equals(read(after.get()))) {
            return Optional.empty();
        }
        EventName name = before.isEmpty() ? EventName.INSERT : after.isEmpty() ? EventName.REMOVE : EventName.MODIFY;
        JsonNode item = read(after.orElseGet(before::get));
        ObjectNode keys = JSON.createObjectNode();
        keys.set(table.partitionKey(), item.get(table.partitionKey()));
        if (table.hasSortKey()) {
            keys.set(table.sortKey(), item.get(table.sortKey()));
        }
        return Optional.of(new StreamChange(name, viewType, keys.toString(),
                viewType.keepsNew() ? after.orElse(null) : null, viewType.keepsOld() ? before.orElse(null) : null));
    }

    /** DynamoDB's SizeBytes: the record's keys and images. */
    public int sizeBytes() {
        return bytes(keys) + bytes(newImage) + bytes(oldImage);
    }

    private static int bytes(String json) {
        return json == null ? 0 : json.getBytes(StandardCharsets.UTF_8).length;
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored item is not JSON", e);
        }
    }
}
