package dev.faaslab.state.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.runtime.sdk.SdkService;
import dev.faaslab.state.SdkArgs;
import java.util.Optional;

/**
 * The {@code table} service of the SDK: {@code get}, {@code put}, {@code delete}, {@code increment},
 * {@code query}, {@code scan} (the whole table in key order) and {@code describe} (its key schema), with the arguments and results the SDK module documents.
 */
public final class TableSdk implements SdkService {

    private final Tables tables;

    public TableSdk(Tables tables) {
        this.tables = tables;
    }

    @Override
    public String name() {
        return "table";
    }

    @Override
    public JsonNode call(WorkspaceId workspace, String operation, JsonNode args) {
        return SdkArgs.translate(() -> {
            SdkArgs in = new SdkArgs("table", operation, args);
            ObjectNode result = Tables.JSON.createObjectNode();
            switch (operation) {
                case "get" -> {
                    in.only("table", "key");
                    Optional<VersionedItem> item = tables.get(workspace, in.text("table"), in.node("key"));
                    result.set("item", item.<JsonNode>map(Tables::item).orElse(result.nullNode()));
                    if (item.isPresent()) {
                        result.put("version", item.get().version());
                    } else {
                        result.putNull("version");
                    }
                }
                case "put" -> {
                    in.only("table", "item", "ifAbsent", "ifVersion");
                    Tables.Condition condition = new Tables.Condition(in.flag("ifAbsent"), in.whole("ifVersion"));
                    result.put("version", tables.put(workspace, in.text("table"), in.node("item"), condition));
                }
                case "delete" -> {
                    in.only("table", "key", "ifVersion");
                    result.put("deleted", tables.delete(workspace, in.text("table"), in.node("key"), in.whole("ifVersion")));
                }
                case "increment" -> {
                    in.only("table", "key", "attribute", "by");
                    Tables.Incremented incremented = tables.increment(workspace, in.text("table"), in.node("key"),
                            in.text("attribute"), in.number("by"));
                    result.set("value", Tables.number(incremented.value()));
                    result.put("version", incremented.version());
                }
                case "query" -> {
                    in.only("table", "partitionKey", "sortKeyPrefix", "sortKeyFrom", "sortKeyTo", "limit", "next");
                    Long limit = in.whole("limit");
                    Tables.Page page = tables.query(workspace, in.text("table"), new Tables.Query(
                            in.node("partitionKey"), in.optionalText("sortKeyPrefix"), in.optionalNode("sortKeyFrom"),
                            in.optionalNode("sortKeyTo"), limit == null ? null : (int) Math.min(limit, Integer.MAX_VALUE),
                            in.optionalText("next")));
                    page(result, page);
                }
                case "scan" -> {
                    in.only("table", "partitionKeyPrefix", "limit", "next");
                    Long limit = in.whole("limit");
                    page(result, tables.scan(workspace, in.text("table"), new Tables.Scan(
                            in.optionalText("partitionKeyPrefix"),
                            limit == null ? null : (int) Math.clamp(limit, Integer.MIN_VALUE, Integer.MAX_VALUE),
                            in.optionalText("next"))));
                }
                case "describe" -> {
                    in.only("table");
                    Table table = tables.describe(workspace, in.text("table"));
                    result.put("name", table.name());
                    result.put("partitionKey", table.partitionKey());
                    result.put("partitionKeyType", table.partitionKeyType().label());
                    result.put("sortKey", table.sortKey());
                    result.put("sortKeyType", table.hasSortKey() ? table.sortKeyType().label() : null);
                    result.put("itemCount", table.itemCount());
                }
                default -> throw in.unknownOperation("get, put, delete, increment, query, scan, describe");
            }
            return result;
        });
    }

    /** A page of items as query and scan answer: {@code {items: [{item, version}], next}}. */
    private static void page(ObjectNode result, Tables.Page page) {
        ArrayNode items = result.putArray("items");
        for (VersionedItem item : page.items()) {
            ObjectNode entry = items.addObject();
            entry.set("item", Tables.item(item));
            entry.put("version", item.version());
        }
        if (page.next() == null) {
            result.putNull("next");
        } else {
            result.put("next", page.next());
        }
    }
}
