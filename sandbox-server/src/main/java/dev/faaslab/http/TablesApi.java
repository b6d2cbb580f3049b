package dev.faaslab.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.state.StateException;
import dev.faaslab.state.table.KeyType;
import dev.faaslab.state.table.Table;
import dev.faaslab.state.table.Tables;
import dev.faaslab.state.table.VersionedItem;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The REST API of key-value tables under {@code /api/tables}: tables, items addressed by their keys in the
 * path, conditional writes, atomic increments and queries.
 */
final class TablesApi {

    static final Set<String> TABLE_FIELDS = Set.of("partitionKey", "partitionKeyType", "sortKey", "sortKeyType");
    static final Set<String> INCREMENT_FIELDS = Set.of("key", "attribute", "by");
    private static final String ITEM = "/api/tables/{table}/items/{partitionKey}";
    private static final String SORTED_ITEM = ITEM + "/{sortKey}";

    private final Tables tables;
    private final WorkspaceResolver workspaces;

    TablesApi(Tables tables, WorkspaceResolver workspaces) {
        this.tables = tables;
        this.workspaces = workspaces;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/api/tables", this::listHandler),
                new Route("GET", "/api/tables/{table}", this::describeHandler),
                new Route("PUT", "/api/tables/{table}", this::createHandler),
                new Route("DELETE", "/api/tables/{table}", this::deleteHandler),
                new Route("GET", "/api/tables/{table}/items", this::queryHandler),
                new Route("GET", ITEM, this::getItemHandler),
                new Route("PUT", ITEM, this::putItemHandler),
                new Route("DELETE", ITEM, this::deleteItemHandler),
                new Route("GET", SORTED_ITEM, this::getItemHandler),
                new Route("PUT", SORTED_ITEM, this::putItemHandler),
                new Route("DELETE", SORTED_ITEM, this::deleteItemHandler),
                new Route("POST", "/api/tables/{table}/increment", this::incrementHandler));
    }

    private void listHandler(Exchange exchange) {
        exchange.json(200, new TableList(tables.list(workspace(exchange)).stream().map(TableView::of).toList()));
    }

    private void describeHandler(Exchange exchange) {
        exchange.json(200, TableView.of(tables.describe(workspace(exchange), exchange.param("table"))));
    }

    private void createHandler(Exchange exchange) throws Exception {
        TableRequest request = TableRequest.from(exchange.jsonBody());
        Tables.Created created = tables.create(workspace(exchange), exchange.param("table"), request.partitionKey(),
                request.partitionKeyType(), request.sortKey(), request.sortKeyType());
        exchange.response.getHeaders().put("Location", "/api/tables/" + created.table().name());
        exchange.json(created.created() ? 201 : 200, TableView.of(created.table()));
    }

    private void deleteHandler(Exchange exchange) {
        tables.delete(workspace(exchange), exchange.param("table"));
        exchange.empty(204);
    }

    private void queryHandler(Exchange exchange) {
        WorkspaceId workspace = workspace(exchange);
        Table table = tables.describe(workspace, exchange.param("table"));
        String partition = exchange.query("partitionKey");
        if (partition == null) {
            throw ApiException.badRequest("a query needs the query parameter partitionKey, the " + table.partitionKey()
                    + " of the items to list");
        }
        Tables.Page page = tables.query(workspace, table.name(), new Tables.Query(
                value(table.partitionKeyType(), "partitionKey", partition), exchange.query("sortKeyPrefix"),
                sortValue(table, "sortKeyFrom", exchange.query("sortKeyFrom")),
                sortValue(table, "sortKeyTo", exchange.query("sortKeyTo")),
                exchange.intQuery("limit", Tables.DEFAULT_QUERY_LIMIT, 1, Tables.MAX_QUERY_LIMIT), exchange.query("next")));
        exchange.json(200, new QueryPage(page.items().stream().map(ItemView::of).toList(), page.next()));
    }

    private void getItemHandler(Exchange exchange) {
        WorkspaceId workspace = workspace(exchange);
        Table table = tables.describe(workspace, exchange.param("table"));
        Optional<VersionedItem> item = tables.get(workspace, table.name(), key(exchange, table));
        exchange.json(200, ItemView.of(item.orElseThrow(() -> new StateException(StateException.Reason.ITEM_NOT_FOUND,
                "the table '" + table.name() + "' has no item with the key " + key(exchange, table)))));
    }

    private void putItemHandler(Exchange exchange) throws Exception {
        WorkspaceId workspace = workspace(exchange);
        Table table = tables.describe(workspace, exchange.param("table"));
        JsonNode body = exchange.jsonBody();
        if (!body.isObject()) {
            throw ApiException.badRequest("an item is a JSON object, not " + body.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        ObjectNode item = (ObjectNode) body;
        // The key is in the path; the body may repeat it, but not contradict it.
        key(exchange, table).properties().forEach(entry -> {
            JsonNode given = item.get(entry.getKey());
            if (given != null && !sameValue(given, entry.getValue())) {
                throw ApiException.badRequest("the item's " + entry.getKey() + " is " + given + " but the path says "
                        + entry.getValue() + ": leave it out of the body, or make them agree");
            }
            item.set(entry.getKey(), given == null ? entry.getValue() : given);
        });
        boolean ifAbsent = booleanQuery(exchange, "ifAbsent");
        long version = tables.put(workspace, table.name(), item, new Tables.Condition(ifAbsent, versionQuery(exchange)));
        exchange.json(version == 1 ? 201 : 200, new ItemView(item, version));
    }

    private void deleteItemHandler(Exchange exchange) {
        WorkspaceId workspace = workspace(exchange);
        Table table = tables.describe(workspace, exchange.param("table"));
        ObjectNode key = key(exchange, table);
        if (!tables.delete(workspace, table.name(), key, versionQuery(exchange))) {
            throw new StateException(StateException.Reason.ITEM_NOT_FOUND, "the table '" + table.name()
                    + "' has no item with the key " + key + " to delete");
        }
        exchange.empty(204);
    }

    private void incrementHandler(Exchange exchange) throws Exception {
        IncrementRequest request = IncrementRequest.from(exchange.jsonBody());
        Tables.Incremented incremented = tables.increment(workspace(exchange), exchange.param("table"), request.key(),
                request.attribute(), request.by());
        exchange.json(200, new Incremented(incremented.value(), incremented.version()));
    }

    // ---- bodies ----

    /** A new table's key schema, as {@code PUT /api/tables/{table}} reads it; the types are null when not given. */
    record TableRequest(String partitionKey, KeyType partitionKeyType, String sortKey, KeyType sortKeyType) {

        static TableRequest from(JsonNode body) {
            JsonFields.onlyFields(body, TABLE_FIELDS, "a table is {\"partitionKey\":\"id\"} with, optionally,"
                    + " partitionKeyType, sortKey and sortKeyType");
            if (!body.hasNonNull("sortKey") && body.hasNonNull("sortKeyType")) {
                throw ApiException.badField("sortKeyType", "sortKeyType needs a sortKey, the attribute it is the type"
                        + " of");
            }
            return new TableRequest(JsonFields.text(body, "partitionKey"), type(body, "partitionKeyType"),
                    JsonFields.text(body, "sortKey", null), type(body, "sortKeyType"));
        }
    }

    /** An atomic increment: the item's key as given (the table checks it), the attribute and the amount. */
    record IncrementRequest(JsonNode key, String attribute, BigDecimal by) {

        static IncrementRequest from(JsonNode body) {
            JsonFields.onlyFields(body, INCREMENT_FIELDS, "an increment is {\"key\":{…},\"attribute\":\"count\","
                    + "\"by\":1}");
            JsonNode by = body.get("by");
            if (by == null || !by.isNumber()) {
                throw ApiException.badField("by", "the field 'by' must be the number to add (negative to subtract),"
                        + " not " + by);
            }
            return new IncrementRequest(body.get("key"), JsonFields.text(body, "attribute"), by.decimalValue());
        }
    }

    // ---- answers ----

    /** A table as the API shows it; a table without a sort key has no sortKey fields at all, not nulls. */
    record TableView(String name, String partitionKey, String partitionKeyType,
                     @JsonInclude(JsonInclude.Include.NON_NULL) String sortKey,
                     @JsonInclude(JsonInclude.Include.NON_NULL) String sortKeyType, long itemCount, String createdAt) {

        static TableView of(Table table) {
            return new TableView(table.name(), table.partitionKey(), table.partitionKeyType().label(), table.sortKey(),
                    table.hasSortKey() ? table.sortKeyType().label() : null, table.itemCount(),
                    table.createdAt().toString());
        }
    }

    /** The tables of a workspace. */
    record TableList(List<TableView> tables) {
    }

    /** An item with its version, the version a conditional write names. */
    record ItemView(JsonNode item, long version) {

        static ItemView of(VersionedItem item) {
            return new ItemView(Tables.item(item), item.version());
        }
    }

    /** A page of a query, and the token of the next page (null after the last). */
    record QueryPage(List<ItemView> items, String next) {
    }

    /** An increment's result: the attribute's new value, exactly, and the item's new version. */
    record Incremented(BigDecimal value, long version) {
    }

    // ---- parameters ----

    /** The key in the path, typed as the table declares its keys. */
    private static ObjectNode key(Exchange exchange, Table table) {
        ObjectNode key = Exchange.JSON.createObjectNode();
        key.set(table.partitionKey(), value(table.partitionKeyType(), "partitionKey",
                StateErrors.decoded(exchange.param("partitionKey"))));
        String sort = exchange.param("sortKey");
        if (table.hasSortKey() != (sort != null)) {
            throw ApiException.badRequest(table.hasSortKey()
                    ? "the table '" + table.name() + "' has a sort key: address an item as /api/tables/" + table.name()
                            + "/items/{" + table.partitionKey() + "}/{" + table.sortKey() + "}"
                    : "the table '" + table.name() + "' has no sort key: address an item as /api/tables/" + table.name()
                            + "/items/{" + table.partitionKey() + "}");
        }
        if (sort != null) {
            key.set(table.sortKey(), value(table.sortKeyType(), "sortKey", StateErrors.decoded(sort)));
        }
        return key;
    }

    private static JsonNode sortValue(Table table, String name, String text) {
        if (text == null) {
            return null;
        }
        if (!table.hasSortKey()) {
            throw ApiException.badRequest("the table '" + table.name() + "' has no sort key, so " + name + " means nothing");
        }
        return value(table.sortKeyType(), name, text);
    }

    private static JsonNode value(KeyType type, String name, String text) {
        if (type == KeyType.STRING) {
            return TextNode.valueOf(text);
        }
        try {
            return DecimalNode.valueOf(new BigDecimal(text));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a number for this table, not '" + text + "'");
        }
    }

    private static boolean sameValue(JsonNode a, JsonNode b) {
        return a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) == 0 : a.equals(b);
    }

    private static boolean booleanQuery(Exchange exchange, String name) {
        String value = exchange.query(name);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true") || value.isEmpty()) {
            return true;
        }
        throw ApiException.badRequest("the query parameter " + name + " must be true or false, not '" + value + "'");
    }

    private static Long versionQuery(Exchange exchange) {
        String value = exchange.query("ifVersion");
        if (value == null) {
            return null;
        }
        try {
            long version = Long.parseLong(value);
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ApiException.badRequest("the query parameter ifVersion must be an item's version, a whole number from 1,"
                + " not '" + value + "'");
    }

    private static KeyType type(JsonNode body, String field) {
        String label = JsonFields.text(body, field, null);
        if (label == null) {
            return null;
        }
        try {
            return KeyType.fromLabel(label);
        } catch (IllegalArgumentException e) {
            throw ApiException.badField(field, "the field '" + field + "' is 'string' or 'number', not '" + label + "'");
        }
    }

    private WorkspaceId workspace(Exchange exchange) {
        return workspaces.resolve(exchange.request);
    }
}
