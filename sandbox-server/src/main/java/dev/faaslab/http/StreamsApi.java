package dev.faaslab.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.events.queue.EventSourceMapping;
import dev.faaslab.events.stream.DynamoDbEvent;
import dev.faaslab.events.stream.StreamMapping;
import dev.faaslab.events.stream.StreamPoller;
import dev.faaslab.events.stream.StreamRecord;
import dev.faaslab.events.stream.StreamStore;
import dev.faaslab.events.stream.StreamViewType;
import dev.faaslab.events.stream.TableStream;
import dev.faaslab.events.stream.TableStreams;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The REST API of tables' change streams: turning a table's stream on and off and reading its records
 * ({@code /api/tables/{table}/stream…}), and the stream → function triggers ({@code /api/stream-mappings…}).
 */
final class StreamsApi {

    static final Set<String> STREAM_FIELDS = Set.of("streamViewType");
    static final Set<String> MAPPING_FIELDS = Set.of("table", "function", "qualifier", "batchSize",
            "startingPosition", "maximumRetryAttempts", "bisectBatchOnFunctionError", "onFailure",
            "functionResponseTypes", "enabled");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final TableStreams streams;
    private final StreamPoller poller;
    private final WorkspaceResolver workspaces;

    StreamsApi(TableStreams streams, StreamPoller poller, WorkspaceResolver workspaces) {
        this.streams = streams;
        this.poller = poller;
        this.workspaces = workspaces;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/api/tables/{table}/stream", this::streamHandler),
                new Route("PUT", "/api/tables/{table}/stream", this::enableHandler),
                new Route("DELETE", "/api/tables/{table}/stream", this::disableHandler),
                new Route("GET", "/api/tables/{table}/stream/records", this::recordsHandler),
                new Route("GET", "/api/stream-mappings", this::mappingsHandler),
                new Route("POST", "/api/stream-mappings", this::createMappingHandler),
                new Route("GET", "/api/stream-mappings/{uuid}", this::mappingHandler),
                new Route("DELETE", "/api/stream-mappings/{uuid}", this::deleteMappingHandler));
    }

    // ---- streams ----

    private void streamHandler(Exchange exchange) {
        WorkspaceId workspace = workspace(exchange);
        exchange.json(200, StreamView.of(workspace, streams.stream(workspace, exchange.param("table"))));
    }

    private void enableHandler(Exchange exchange) throws Exception {
        WorkspaceId workspace = workspace(exchange);
        JsonNode body = exchange.jsonBody();
        JsonFields.onlyFields(body, STREAM_FIELDS, "{\"streamViewType\":\"NEW_AND_OLD_IMAGES\"}");
        StreamViewType viewType = JsonFields.checked("streamViewType",
                () -> StreamViewType.parse(JsonFields.text(body, "streamViewType")));
        exchange.json(200, StreamView.of(workspace, streams.enable(workspace, exchange.param("table"), viewType)));
    }

    private void disableHandler(Exchange exchange) {
        streams.disable(workspace(exchange), exchange.param("table"));
        exchange.empty(204);
    }

    private void recordsHandler(Exchange exchange) {
        WorkspaceId workspace = workspace(exchange);
        String table = exchange.param("table");
        String after = exchange.query("after");
        long afterSequence;
        try {
            afterSequence = after == null ? 0 : Long.parseLong(after);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("the query parameter after is a record's SequenceNumber, not '" + after + "'");
        }
        List<StreamRecord> records = streams.records(workspace, table, afterSequence,
                exchange.intQuery("limit", 100, 1, TableStreams.MAX_READ));
        String arn = streams.stream(workspace, table).arn(workspace.identity());
        exchange.json(200, new RecordPage(records.stream()
                .<JsonNode>map(record -> DynamoDbEvent.record(workspace.identity(), arn, record)).toList(),
                records.isEmpty() ? after : records.getLast().sequenceNumber()));
    }

    // ---- mappings ----

    private void mappingsHandler(Exchange exchange) {
        WorkspaceId workspace = workspace(exchange);
        exchange.json(200, new MappingList(poller.mappings(workspace).stream().map(this::view).toList()));
    }

    private void createMappingHandler(Exchange exchange) throws Exception {
        WorkspaceId workspace = workspace(exchange);
        StreamStore.Positioned created = poller.create(workspace, request(exchange.jsonBody()));
        exchange.response.getHeaders().put("Location", "/api/stream-mappings/" + created.mapping().uuid());
        exchange.json(201, view(created));
    }

    private void mappingHandler(Exchange exchange) {
        exchange.json(200, view(poller.mapping(workspace(exchange), uuid(exchange))));
    }

    private void deleteMappingHandler(Exchange exchange) {
        poller.delete(workspace(exchange), uuid(exchange));
        exchange.empty(204);
    }

    /** A new mapping: the table and the function, and Lambda's defaults for what the body leaves out. */
    private static StreamPoller.Request request(JsonNode body) {
        JsonFields.onlyFields(body, MAPPING_FIELDS, "{\"table\":\"orders\",\"function\":\"on-order\","
                + "\"startingPosition\":\"TRIM_HORIZON\"}");
        String function = JsonFields.text(body, "function");
        try {
            FunctionsApi.checkName(function);
        } catch (ApiException e) {
            throw ApiException.badField("function", e.getMessage());
        }
        String position = JsonFields.text(body, "startingPosition");
        StreamMapping.StartingPosition start = switch (position) {
            case "TRIM_HORIZON" -> StreamMapping.StartingPosition.TRIM_HORIZON;
            case "LATEST" -> StreamMapping.StartingPosition.LATEST;
            default -> throw ApiException.badField("startingPosition", "a stream's startingPosition is TRIM_HORIZON"
                    + " (the oldest record kept) or LATEST (the next one written), not '" + position + "'");
        };
        return new StreamPoller.Request(JsonFields.text(body, "table"), function,
                JsonFields.text(body, "qualifier", null),
                JsonFields.integer(body, "batchSize", StreamMapping.DEFAULT_BATCH_SIZE), start,
                JsonFields.integer(body, "maximumRetryAttempts", -1),
                body.has("bisectBatchOnFunctionError") && JsonFields.bool(body, "bisectBatchOnFunctionError"),
                body.hasNonNull("onFailure") ? JsonFields.text(body, "onFailure") : null,
                EventSourceMapping.readsItemFailures(EventSourceMappingsApi.responseTypes(body)),
                !body.has("enabled") || JsonFields.bool(body, "enabled"));
    }

    // ---- answers ----

    /** A table's stream as the API shows it. */
    record StreamView(String table, String streamViewType, boolean streamEnabled, String streamLabel,
                      String streamArn, String latestSequenceNumber) {

        static StreamView of(WorkspaceId workspace, TableStream stream) {
            return new StreamView(stream.table(), stream.viewType().name(), stream.enabled(), stream.label(),
                    stream.arn(workspace.identity()), StreamRecord.sequenceNumber(stream.lastSequence()));
        }
    }

    /** Records as DynamoDB Streams shows them, and the SequenceNumber to read on after (the {@code after} given when none). */
    record RecordPage(List<JsonNode> records, @JsonInclude(JsonInclude.Include.NON_NULL) String next) {
    }

    /** A mapping as the API shows it, with where it is in the stream and its last result. */
    record MappingView(String uuid, String table, String function, String qualifier, int batchSize,
                       String startingPosition, int maximumRetryAttempts, boolean bisectBatchOnFunctionError,
                       String onFailure, List<String> functionResponseTypes, boolean enabled, String state,
                       String checkpointSequenceNumber, int attempts, String lastProcessingResult, String createdAt) {
    }

    private MappingView view(StreamStore.Positioned positioned) {
        StreamMapping mapping = positioned.mapping();
        return new MappingView(mapping.uuid(), mapping.table(), mapping.function(), mapping.qualifier(),
                mapping.batchSize(), mapping.startingPosition().name(), mapping.maximumRetryAttempts(),
                mapping.bisectBatchOnFunctionError(), mapping.onFailureQueue(),
                EventSourceMapping.responseTypes(mapping.reportBatchItemFailures()),
                mapping.enabled(), mapping.enabled() ? "Enabled" : "Disabled",
                StreamRecord.sequenceNumber(positioned.checkpoint().sequence()), positioned.checkpoint().attempts(),
                poller.lastProcessingResult(mapping.uuid()), mapping.createdAt().toString());
    }

    /** A workspace's stream mappings. */
    record MappingList(List<MappingView> streamMappings) {
    }

    // ---- parameters ----

    private WorkspaceId workspace(Exchange exchange) {
        return workspaces.resolve(exchange.request);
    }

    private static String uuid(Exchange exchange) {
        String uuid = exchange.param("uuid");
        if (!UUID.matcher(uuid).matches()) {
            throw ApiException.badRequest("'" + uuid + "' is not a stream mapping's id: a lower-case UUID, as POST"
                    + " /api/stream-mappings returns");
        }
        return uuid;
    }
}
