package dev.faaslab.http;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.billing.Bill;
import dev.faaslab.billing.Prices;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.logs.LogEntry;
import dev.faaslab.metrics.FunctionMetrics;
import dev.faaslab.metrics.MetricPoint;
import dev.faaslab.platform.FunctionRecord;
import dev.faaslab.runtime.CodePackage;
import dev.faaslab.platform.FunctionSpec;
import dev.faaslab.platform.FunctionStore;
import dev.faaslab.platform.InstanceView;
import dev.faaslab.platform.Invocation;
import dev.faaslab.platform.NotFoundException;
import dev.faaslab.platform.Platform;
import dev.faaslab.platform.VersionRecord;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/** The REST API under {@code /api/functions}: functions, versions, invocations, what learners watch. */
final class FunctionsApi {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Platform platform;
    private final WorkspaceResolver workspaces;

    FunctionsApi(Platform platform, WorkspaceResolver workspaces) {
        this.platform = platform;
        this.workspaces = workspaces;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/api/functions", this::listHandler),
                new Route("GET", "/api/functions/{name}", this::getHandler),
                new Route("PUT", "/api/functions/{name}", this::putHandler),
                new Route("DELETE", "/api/functions/{name}", this::deleteHandler),
                new Route("GET", "/api/functions/{name}/configuration", this::configurationHandler),
                new Route("GET", "/api/functions/{name}/package", this::packageHandler),
                new Route("POST", "/api/functions/{name}/invoke", this::invokeHandler),
                new Route("GET", "/api/functions/{name}/versions", this::versionsHandler),
                new Route("POST", "/api/functions/{name}/versions", this::publishHandler),
                new Route("GET", "/api/functions/{name}/versions/{version}", this::versionHandler),
                new Route("GET", "/api/functions/{name}/instances", this::instancesHandler),
                new Route("DELETE", "/api/functions/{name}/instances", this::replaceInstancesHandler),
                new Route("GET", "/api/functions/{name}/metrics", this::metricsHandler),
                new Route("GET", "/api/functions/{name}/logs", this::logsHandler));

    }

    private void listHandler(Exchange exchange) {
        WorkspaceId workspace = workspace(exchange);
        List<FunctionView> functions = platform.functions(workspace).stream()
                .map(record -> FunctionView.of(record, false)).toList();
        exchange.json(200, new FunctionList(functions));
    }

    private void getHandler(Exchange exchange) {
        WorkspaceId workspace = workspace(exchange);
        FunctionRecord record = find(exchange, workspace);
        String name = record.name();
        FunctionState state = new FunctionState(platform.inFlight(workspace, name),
                platform.instances(workspace, name).size(), platform.provisionedReady(workspace, name));
        exchange.json(200, new FunctionDetail(FunctionView.of(record, true), state, platform.totals(workspace, name),
                BillView.of(platform.bill(workspace, name))));
    }

    private void configurationHandler(Exchange exchange) {
        exchange.json(200, FunctionView.of(find(exchange, workspace(exchange)), false));
    }

    /** The code as Lambda gives it back: a zip (of the one file, for a function of one file). */
    private void packageHandler(Exchange exchange) {
        FunctionSpec spec = find(exchange, workspace(exchange)).spec();
        CodePackage code = spec.codePackage() != null ? spec.codePackage()
                : CodePackage.fromFiles(java.util.Map.of(spec.fileName(),
                        spec.code().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        exchange.response.getHeaders().put("Content-Disposition", "attachment; filename=\"" + spec.name() + ".zip\"");
        exchange.send(200, "application/zip", code.zip());
    }

    private void putHandler(Exchange exchange) throws Exception {
        WorkspaceId workspace = workspace(exchange);
        String name = name(exchange);
        FunctionSpec existing = platform.function(workspace, name).map(FunctionRecord::spec).orElse(null);
        FunctionRequest request;
        if (exchange.isZip()) {
            // Lambda's deployment package as the body; the settings, if any, in the query string
            byte[] zip = exchange.body(CodePackage.MAX_ZIPPED_BYTES, "a zipped package (Lambda's is 50 MB)");
            request = FunctionRequest.fromZip(name, FunctionRequest.queryFields(exchange::query),
                    JsonFields.checked("code", () -> CodePackage.fromZip(zip)), existing, platform.runtime().styles());
        } else {
            request = FunctionRequest.from(name, exchange.jsonBody(), existing, platform.runtime().styles());
        }
        FunctionStore.Saved saved = platform.save(workspace, request.spec(), request.revision());
        exchange.response.getHeaders().put("Location", "/api/functions/" + name);
        exchange.json(saved.created() ? 201 : 200, FunctionView.of(saved.function(), true));
    }

    private void deleteHandler(Exchange exchange) {
        String name = name(exchange);
        if (!platform.delete(workspace(exchange), name)) {
            throw new NotFoundException("there is no function named '" + name + "' to delete");
        }
        exchange.empty(204);
    }

    private void invokeHandler(Exchange exchange) throws Exception {
        WorkspaceId workspace = workspace(exchange);
        String name = name(exchange);
        find(exchange, workspace);
        String event = exchange.eventBody();
        Invocation invocation = platform.invoke(workspace, name, exchange.query("version"), event);
        switch (invocation) {
            case Invocation.Completed completed ->
                    exchange.json(200, InvocationView.of(completed, platform.billing(workspace).prices()));
            case Invocation.Throttled throttled -> throw Throttles.apiException(throttled.throttle());
        }
    }

    private void versionsHandler(Exchange exchange) {
        WorkspaceId workspace = workspace(exchange);
        List<VersionView> versions = platform.versions(workspace, name(exchange)).stream()
                .map(version -> VersionView.of(version, false)).toList();
        exchange.json(200, new VersionList(versions));
    }

    private void publishHandler(Exchange exchange) throws Exception {
        WorkspaceId workspace = workspace(exchange);
        String name = name(exchange);
        PublishRequest request = PublishRequest.from(exchange.optionalJsonBody());
        VersionRecord version = platform.publish(workspace, name, request.description());
        exchange.json(201, VersionView.of(version, false));
    }

    private void versionHandler(Exchange exchange) {
        WorkspaceId workspace = workspace(exchange);
        String name = name(exchange);
        String wanted = exchange.param("version");
        VersionRecord version = platform.versions(workspace, name).stream()
                .filter(v -> Integer.toString(v.version()).equals(wanted)).findFirst()
                .orElseThrow(() -> new NotFoundException("the function '" + name + "' has no version " + wanted));
        exchange.json(200, VersionView.of(version, true));
    }

    private void instancesHandler(Exchange exchange) {
        WorkspaceId workspace = workspace(exchange);
        String name = name(exchange);
        exchange.json(200, new InstanceList(platform.instances(workspace, name), platform.inFlight(workspace, name),
                platform.provisionedReady(workspace, name)));
    }

    private void replaceInstancesHandler(Exchange exchange) {
        WorkspaceId workspace = workspace(exchange);
        platform.replaceInstances(workspace, find(exchange, workspace).name());
        exchange.empty(204);
    }

    private void metricsHandler(Exchange exchange) {
        WorkspaceId workspace = workspace(exchange);
        String name = name(exchange);
        int seconds = exchange.intQuery("seconds", 60, 1, FunctionMetrics.RETAINED_SECONDS);
        Prices prices = platform.billing(workspace).prices();
        List<MetricView> points = platform.metrics(workspace, name, seconds).stream()
                .map(point -> MetricView.of(point, prices)).toList();
        exchange.json(200, new Metrics(platform.totals(workspace, name), points));
    }

    private void logsHandler(Exchange exchange) {
        WorkspaceId workspace = workspace(exchange);
        String name = name(exchange);
        int limit = exchange.intQuery("limit", 200, 1, 10_000);
        String after = exchange.query("after");
        if (after == null) {
            exchange.json(200, new LogLines(platform.logTail(workspace, name, limit)));
        } else {
            long afterSequence;
            try {
                afterSequence = Long.parseLong(after);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("the query parameter after must be a line's sequence number, not '" + after + "'");
            }
            exchange.json(200, new LogLines(platform.logs(workspace, name, afterSequence, limit)));
        }
    }

    private WorkspaceId workspace(Exchange exchange) {
        return workspaces.resolve(exchange.request);
    }

    private static String name(Exchange exchange) {
        return checkName(exchange.param("name"));
    }

    /** @throws ApiException unless {@code name} is a valid function name */
    static String checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw ApiException.badRequest("the function name '" + name
                    + "' must be 1 to 64 letters, digits, hyphens or underscores");
        }
        return name;
    }

    private FunctionRecord find(Exchange exchange, WorkspaceId workspace) {
        String name = name(exchange);
        return platform.function(workspace, name).orElseThrow(() -> new NotFoundException(
                "there is no function named '" + name + "' in this workspace: create it with PUT /api/functions/" + name));
    }

    /** What {@code GET /api/functions} answers. */
    record FunctionList(List<FunctionView> functions) {
    }

    /** One function read alone: with its code, what it is doing now, its totals and what it has cost. */
    record FunctionDetail(@JsonUnwrapped FunctionView function, FunctionState state, FunctionMetrics.Totals totals,
                          BillView cost) {
    }

    /** What a function is doing now. */
    record FunctionState(int inFlight, int instances, int provisionedReady) {
    }

    /** The optional body of {@code POST /api/functions/{name}/versions}: the new version's description. */
    record PublishRequest(String description) {

        /** @param body null when the request has none, which publishes with an empty description */
        static PublishRequest from(JsonNode body) {
            if (body == null) {
                return new PublishRequest("");
            }
            JsonNode text = body.get("description");
            if (!body.isObject() || body.size() > (text == null ? 0 : 1) || text != null && !text.isTextual()) {
                throw ApiException.badRequest("the body may hold only {\"description\": \"…\"}");
            }
            return new PublishRequest(text == null ? "" : text.textValue());
        }
    }

    /** What {@code GET /api/functions/{name}/versions} answers. */
    record VersionList(List<VersionView> versions) {
    }

    /** A function's instances, and the requests it is serving. */
    record InstanceList(List<InstanceView> instances, int inFlight, int provisionedReady) {
    }

    /** A function's totals and its figures second by second. */
    record Metrics(FunctionMetrics.Totals totals, List<MetricView> points) {
    }

    /** One second's figures, and what its on-demand requests cost. */
    record MetricView(@JsonUnwrapped MetricPoint point, BigDecimal costUsd) {

        static MetricView of(MetricPoint point, Prices prices) {
            return new MetricView(point, Bill.onDemand(prices, point.invocations(), point.billedMbMs()));
        }
    }

    /** Lines of a function's log. */
    record LogLines(List<LogEntry> lines) {
    }
}
