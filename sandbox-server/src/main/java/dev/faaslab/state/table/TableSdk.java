package dev.faaslab.state.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.runtime.sdk.SdkService;
import dev.faaslab.state.SdkArgs;
import java.util.Optional;

/**
 * The {@code table} service of the SDK: {@code get}, {@code put}, {@code delete}, {@code increment} and
 * {@code query}, with the arguments and results the SDK module documents.
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
                default -> throw in.unknownOperation("get, put, delete, increment, query");
            }
            return result;
        });
    }
}
