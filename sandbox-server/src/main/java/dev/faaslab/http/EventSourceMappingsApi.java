package dev.faaslab.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.events.queue.EventSourceMapping;
import dev.faaslab.events.queue.Queue;
import dev.faaslab.events.queue.QueuePoller;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The REST API for the queue → function triggers, {@code /api/event-source-mappings…}. */
final class EventSourceMappingsApi {

    static final Set<String> MAPPING_FIELDS = Set.of("queue", "function", "qualifier", "batchSize",
            "maximumBatchingWindowSeconds", "functionResponseTypes", "scalingConfig", "enabled");
    /** What an update may change: the queue and the function stay, as on Lambda. */
    static final Set<String> MAPPING_UPDATE_FIELDS = Set.of("qualifier", "batchSize", "maximumBatchingWindowSeconds",
            "functionResponseTypes", "scalingConfig", "enabled");
    /** Lambda's ScalingConfig has one setting. */
    static final Set<String> SCALING_FIELDS = Set.of("maximumConcurrency");

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final QueuePoller poller;
    private final WorkspaceResolver workspaces;

    EventSourceMappingsApi(QueuePoller poller, WorkspaceResolver workspaces) {
        this.poller = poller;
        this.workspaces = workspaces;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/api/event-source-mappings", this::mappingsHandler),
                new Route("POST", "/api/event-source-mappings", this::createMappingHandler),
                new Route("GET", "/api/event-source-mappings/{uuid}", this::mappingHandler),
                new Route("PUT", "/api/event-source-mappings/{uuid}", this::updateMappingHandler),
                new Route("DELETE", "/api/event-source-mappings/{uuid}", this::deleteMappingHandler));
    }

    private void mappingsHandler(Exchange exchange) {
        WorkspaceId workspace = workspace(exchange);
        String function = exchange.query("function");
        exchange.json(200, new MappingList(poller.mappings(workspace).stream()
                .filter(mapping -> function == null || function.equals(mapping.function()))
                .map(mapping -> view(workspace, mapping, null)).toList()));
    }

    private void createMappingHandler(Exchange exchange) throws Exception {
        WorkspaceId workspace = workspace(exchange);
        MappingRequest request = MappingRequest.from(exchange.jsonBody());
        QueuePoller.Saved saved = poller.create(workspace, request.queue(), request.function(), request.qualifier(),
                request.batchSize(), request.maximumBatchingWindowSeconds(), request.functionResponseTypes(),
                request.maximumConcurrency(), request.enabled());
        exchange.response.getHeaders().put("Location", "/api/event-source-mappings/" + saved.mapping().uuid());
        exchange.json(201, view(workspace, saved.mapping(), saved.warnings()));
    }

    private void mappingHandler(Exchange exchange) {
        exchange.json(200, view(workspace(exchange), poller.mapping(workspace(exchange), uuid(exchange)), null));
    }

    private void updateMappingHandler(Exchange exchange) throws Exception {
        WorkspaceId workspace = workspace(exchange);
        EventSourceMapping current = poller.mapping(workspace, uuid(exchange));
        QueuePoller.Saved saved = poller.update(workspace, MappingUpdate.from(exchange.jsonBody()).applyTo(current));
        exchange.json(200, view(workspace, saved.mapping(), saved.warnings()));
    }

    private void deleteMappingHandler(Exchange exchange) {
        poller.delete(workspace(exchange), uuid(exchange));
        exchange.empty(204);
    }

    private MappingView view(WorkspaceId workspace, EventSourceMapping mapping, List<String> warnings) {
        return MappingView.of(mapping, workspace.identity().queueArn(mapping.queue()),
                poller.lastProcessingResult(mapping.uuid()), warnings);
    }

    // ---- bodies ----

    /** A new mapping: the queue and the function, and Lambda's defaults for what the body leaves out. */
    record MappingRequest(String queue, String function, String qualifier, int batchSize,
                          int maximumBatchingWindowSeconds, List<String> functionResponseTypes,
                          Integer maximumConcurrency, boolean enabled) {

        static MappingRequest from(JsonNode body) {
            refuseOldName(body);
            JsonFields.onlyFields(body, MAPPING_FIELDS, "{\"queue\":\"orders\",\"function\":\"process-orders\"}");
            if (!body.has("queue") || !body.has("function")) {
                throw ApiException.badField(body.has("queue") ? "function" : "queue", "a mapping needs \"queue\" (the"
                        + " queue to poll) and \"function\" (the function to invoke)");
            }
            String function = JsonFields.text(body, "function");
            try {
                FunctionsApi.checkName(function);
            } catch (ApiException e) {
                throw ApiException.badField("function", e.getMessage());
            }
            return new MappingRequest(JsonFields.text(body, "queue"), function,
                    JsonFields.text(body, "qualifier", null),
                    JsonFields.integer(body, "batchSize", EventSourceMapping.DEFAULT_BATCH_SIZE),
                    JsonFields.integer(body, "maximumBatchingWindowSeconds", 0),
                    body.has("functionResponseTypes") ? responseTypes(body) : List.of(),
                    scalingConfig(body), !body.has("enabled") || JsonFields.bool(body, "enabled"));
        }
    }

    /**
     * A change of a mapping: the settings it names, null where it names none; the qualifier only when
     * {@code namesQualifier}, as a null qualifier means $LATEST; the maximum concurrency only when
     * {@code namesScaling}, as a null one means no bound.
     */
    record MappingUpdate(Integer batchSize, Integer maximumBatchingWindowSeconds, List<String> functionResponseTypes,
                         boolean namesScaling, Integer maximumConcurrency, Boolean enabled, boolean namesQualifier,
                         String qualifier) {

        static MappingUpdate from(JsonNode body) {
            refuseOldName(body);
            JsonFields.onlyFields(body, MAPPING_UPDATE_FIELDS, "{\"enabled\":false} (the queue and the function of a"
                    + " mapping stay: delete it and create another to change them)");
            return new MappingUpdate(JsonFields.integer(body, "batchSize", null),
                    JsonFields.integer(body, "maximumBatchingWindowSeconds", null),
                    body.has("functionResponseTypes") ? responseTypes(body) : null,
                    body.has("scalingConfig"), scalingConfig(body),
                    body.has("enabled") ? JsonFields.bool(body, "enabled") : null,
                    body.has("qualifier"), JsonFields.text(body, "qualifier", null));
        }

        /** The mapping once this change is applied: {@code current}'s settings where it names none. */
        EventSourceMapping applyTo(EventSourceMapping current) {
            return current.with(batchSize == null ? current.batchSize() : batchSize,
                    maximumBatchingWindowSeconds == null ? current.maximumBatchingWindowSeconds()
                            : maximumBatchingWindowSeconds,
                    functionResponseTypes == null ? current.functionResponseTypes() : functionResponseTypes,
                    namesScaling ? maximumConcurrency : current.maximumConcurrency(),
                    enabled == null ? current.enabled() : enabled, namesQualifier ? qualifier : current.qualifier(),
                    current.updatedAt());
        }
    }

    /**
     * {@code functionResponseTypes}: a list of strings (which ones, {@link EventSourceMapping} checks);
     * null means none.
     */
    static List<String> responseTypes(JsonNode body) {
        JsonNode value = body.get("functionResponseTypes");
        if (value == null || value.isNull()) {
            return List.of();
        }
        List<String> types = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(type -> types.add(type.isTextual() ? type.textValue() : null));
        }
        if (!value.isArray() || types.contains(null)) {
            throw ApiException.badField("functionResponseTypes", "functionResponseTypes is a list of strings, as on"
                    + " Lambda: [] (the default: the function's batchItemFailures answer is ignored) or [\""
                    + EventSourceMapping.REPORT_BATCH_ITEM_FAILURES + "\"] (only the messages it names come back),"
                    + " not " + value + ": write " + EventSourceMapping.HOW_TO_REPORT);
        }
        return types;
    }

    /**
     * {@code scalingConfig}, Lambda's {@code ScalingConfig}: {@code {"maximumConcurrency": n}}, or {@code {}} or
     * null for no bound (also when absent). The range, {@link EventSourceMapping} checks.
     */
    static Integer scalingConfig(JsonNode body) {
        JsonNode value = body.get("scalingConfig");
        if (value == null || value.isNull()) {
            return null;
        }
        String example = "\"scalingConfig\":{\"maximumConcurrency\":5} (at most 5 batches in the function at once),"
                + " or \"scalingConfig\":{} for no bound";
        if (!value.isObject()) {
            throw ApiException.badField("scalingConfig", "scalingConfig is an object, as Lambda's ScalingConfig, not "
                    + value + ": write " + example);
        }
        value.fieldNames().forEachRemaining(name -> {
            if (!SCALING_FIELDS.contains(name)) {
                throw ApiException.badField("scalingConfig", "scalingConfig has one setting, maximumConcurrency, not '"
                        + name + "': write " + example);
            }
        });
        if (value.has("maximumConcurrency") && !(value.get("maximumConcurrency").isIntegralNumber()
                && value.get("maximumConcurrency").canConvertToInt())) {
            throw ApiException.badField("scalingConfig", "scalingConfig.maximumConcurrency is a whole number from "
                    + EventSourceMapping.MIN_MAXIMUM_CONCURRENCY + " to " + EventSourceMapping.MAX_MAXIMUM_CONCURRENCY
                    + ", not " + value.get("maximumConcurrency") + ": write " + example);
        }
        return value.has("maximumConcurrency") ? value.get("maximumConcurrency").intValue() : null;
    }

    /** The boolean this API had before it took Lambda's name, refused with what to write instead. */
    private static void refuseOldName(JsonNode body) {
        if (body != null && body.has("reportBatchItemFailures")) {
            throw ApiException.badField("reportBatchItemFailures", "reportBatchItemFailures is now written as on"
                    + " Lambda: " + EventSourceMapping.HOW_TO_REPORT + " to read the function's batchItemFailures,"
                    + " or \"functionResponseTypes\":[] (the default) to ignore them");
        }
    }

    // ---- answers ----

    /**
     * A mapping as the API shows it, with Lambda's state and last result. The warnings are there only in the
     * answer to a create or an update (the advice on that change), and absent when one is read back.
     */
    record MappingView(String uuid, String queue, String eventSourceArn, String function, String qualifier,
                       int batchSize, int maximumBatchingWindowSeconds, List<String> functionResponseTypes,
                       ScalingView scalingConfig, boolean enabled, String state, String lastProcessingResult, String createdAt, String updatedAt,
                       @JsonInclude(JsonInclude.Include.NON_NULL) List<String> warnings) {

        static MappingView of(EventSourceMapping mapping, String eventSourceArn, String lastProcessingResult,
                              List<String> warnings) {
            return new MappingView(mapping.uuid(), mapping.queue(), eventSourceArn, mapping.function(),
                    mapping.qualifier(), mapping.batchSize(), mapping.maximumBatchingWindowSeconds(),
                    mapping.functionResponseTypes(), new ScalingView(mapping.maximumConcurrency()), mapping.enabled(),
                    mapping.enabled() ? "Enabled" : "Disabled",
                    lastProcessingResult, mapping.createdAt().toString(), mapping.updatedAt().toString(), warnings);
        }
    }

    /** Lambda's ScalingConfig: {@code {}} when the mapping has no bound of its own. */
    record ScalingView(@JsonInclude(JsonInclude.Include.NON_NULL) Integer maximumConcurrency) {
    }

    /** A workspace's mappings, or one function's. */
    record MappingList(List<MappingView> eventSourceMappings) {
    }

    // ---- parameters ----

    private WorkspaceId workspace(Exchange exchange) {
        return workspaces.resolve(exchange.request);
    }

    private static String uuid(Exchange exchange) {
        String uuid = exchange.param("uuid");
        if (!UUID.matcher(uuid).matches()) {
            throw ApiException.badRequest("'" + uuid + "' is not an event source mapping's id: a lower-case UUID"
                    + " such as 6f1c2a1e-0b7e-4b1e-9d3a-2f9e8c7b6a50, as POST /api/event-source-mappings returns");
        }
        return uuid;
    }
}
