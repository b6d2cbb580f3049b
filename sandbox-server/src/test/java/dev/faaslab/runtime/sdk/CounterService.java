package dev.faaslab.runtime.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.core.WorkspaceId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A small real service for the bridge's tests, registered under the name {@code table} until the
 * table service arrives: items by {@code id} per workspace and table, conditional put, atomic
 * increment; and two ways to test the bridge's limits: {@code query} answers with
 * {@link #queryFiller} characters, and {@code delete} waits until {@link #release} when
 * {@link #blockDeletes} is set.
 */
public final class CounterService implements SdkService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, ObjectNode> items = new ConcurrentHashMap<>();
    /** Every call, as {@code workspace operation table}, in order. */
    public final List<String> calls = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    public volatile int queryFiller;
    public volatile boolean blockDeletes;
    public volatile boolean deleteFinished;

    @Override
    public String name() {
        return "table";
    }

    /** Lets a blocked {@code delete} finish. */
    public void release() {
        released.countDown();
    }

    @Override
    public JsonNode call(WorkspaceId workspace, String operation, JsonNode args) {
        String table = args.path("table").asText();
        calls.add(workspace + " " + operation + " " + table);
        String prefix = workspace + "/" + table + "/";
        ObjectNode result = JSON.createObjectNode();
        switch (operation) {
            case "put" -> {
                JsonNode item = args.path("item");
                String id = item.path("id").asText();
                if (!item.isObject() || id.isEmpty()) {
                    throw new SdkException("ValidationException", "table.put needs an item with an id");
                }
                ObjectNode copy = ((ObjectNode) item).deepCopy();
                if (args.path("ifAbsent").asBoolean() && items.putIfAbsent(prefix + id, copy) != null) {
                    throw new SdkException("ConditionalCheckFailedException",
                            "the item '" + id + "' already exists in table '" + table + "'");
                }
                items.put(prefix + id, copy);
            }
            case "get" -> {
                ObjectNode item = items.get(prefix + args.path("key").path("id").asText());
                result.set("item", item == null ? JSON.nullNode() : item);
            }
            case "increment" -> {
                String key = prefix + args.path("key").path("id").asText();
                String attribute = args.path("attribute").asText();
                ObjectNode item = items.compute(key, (k, old) -> {
                    ObjectNode next = old == null ? JSON.createObjectNode().put("id", args.path("key").path("id").asText())
                            : old.deepCopy();
                    return next.put(attribute, next.path(attribute).asLong() + args.path("by").asLong(1));
                });
                result.put("value", item.path(attribute).asLong());
            }
            case "query" -> result.put("filler", "x".repeat(queryFiller)).putArray("items");
            case "delete" -> {
                if (blockDeletes) {
                    try {
                        released.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                items.remove(prefix + args.path("key").path("id").asText());
                deleteFinished = true;
            }
            default -> throw new SdkException("ValidationException", "table has no operation '" + operation + "'");
        }
        return result;
    }
}
