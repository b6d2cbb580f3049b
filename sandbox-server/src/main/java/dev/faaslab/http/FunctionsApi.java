package dev.faaslab.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.billing.Prices;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.metrics.FunctionMetrics;
import dev.faaslab.platform.FunctionRecord;
import dev.faaslab.platform.FunctionSpec;
import dev.faaslab.platform.FunctionStore;
import dev.faaslab.platform.Invocation;
import dev.faaslab.platform.NotFoundException;
import dev.faaslab.platform.Platform;
import dev.faaslab.platform.VersionRecord;
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
                new Route("POST", "/api/functions/{name}/invoke", this::invokeHandler),
                new Route("GET", "/api/functions/{name}/versions", this::versionsHandler),
                new Route("POST", "/api/functions/{name}/versions", this::publishHandler),
                new Route("GET", "/api/functions/{name}/versions/{version}", this::versionHandler),
                new Route("GET", "/api/functions/{name}/instances", this::instancesHandler),
                new Route("GET", "/api/functions/{name}/metrics", this::metricsHandler),
                new Route("GET", "/api/functions/{name}/logs", this::logsHandler));

    }

    private void listHandler(Exchange exchange) {
        WorkspaceId workspace = workspace(exchange);
        ArrayNode functions = Exchange.JSON.createArrayNode();
        for (FunctionRecord record : platform.functions(workspace)) {
            functions.add(Views.function(record, false));
        }
        ObjectNode body = Exchange.JSON.createObjectNode();
        body.set("functions", functions);
        exchange.json(200, body);
    }

    private void getHandler(Exchange exchange) {
        WorkspaceId workspace = workspace(exchange);
        FunctionRecord record = find(exchange, workspace);
        ObjectNode body = Views.function(record, true);
        ObjectNode state = body.putObject("state");
        state.put("inFlight", platform.inFlight(workspace, record.name()));
        state.put("instances", platform.instances(workspace, record.name()).size());
        state.put("provisionedReady", platform.provisionedReady(workspace, record.name()));
        FunctionMetrics.Totals totals = platform.totals(workspace, record.name());
        body.set("totals", Exchange.JSON.valueToTree(totals));
        body.set("cost", Views.bill(platform.bill(workspace, record.name())));
        exchange.json(200, body);
    }

    private void configurationHandler(Exchange exchange) {
        exchange.json(200, Views.function(find(exchange, workspace(exchange)), false));
    }

    private void putHandler(Exchange exchange) throws Exception {
        WorkspaceId workspace = workspace(exchange);
        String name = name(exchange);
        JsonNode body = exchange.jsonBody();
        FunctionSpec existing = platform.function(workspace, name).map(FunctionRecord::spec).orElse(null);
        FunctionSpec spec = FunctionRequest.toSpec(name, body, existing);
        FunctionStore.Saved saved = platform.save(workspace, spec, FunctionRequest.revision(body));
        exchange.response.getHeaders().put("Location", "/api/functions/" + name);
        exchange.json(saved.created() ? 201 : 200, Views.function(saved.function(), true));
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
                    exchange.json(200, Views.invocation(completed, platform.billing(workspace).prices()));
            case Invocation.Throttled throttled -> throw Throttles.apiException(throttled.throttle());
        }
    }

    private void versionsHandler(Exchange exchange) {
        WorkspaceId workspace = workspace(exchange);
        ArrayNode versions = Exchange.JSON.createArrayNode();
        for (VersionRecord version : platform.versions(workspace, name(exchange))) {
            versions.add(Views.version(version, false));
        }
        ObjectNode body = Exchange.JSON.createObjectNode();
        body.set("versions", versions);
        exchange.json(200, body);
    }

    private void publishHandler(Exchange exchange) throws Exception {
        WorkspaceId workspace = workspace(exchange);
        String name = name(exchange);
        String description = "";
        JsonNode body = exchange.optionalJsonBody();
        if (body != null) {
            JsonNode text = body.get("description");
            if (!body.isObject() || body.size() > (text == null ? 0 : 1) || text != null && !text.isTextual()) {
                throw ApiException.badRequest("the body may hold only {\"description\": \"…\"}");
            }
            description = text == null ? "" : text.textValue();
        }
        VersionRecord version = platform.publish(workspace, name, description);
        exchange.json(201, Views.version(version, false));
    }

    private void versionHandler(Exchange exchange) {
        WorkspaceId workspace = workspace(exchange);
        String name = name(exchange);
        String wanted = exchange.param("version");
        VersionRecord version = platform.versions(workspace, name).stream()
                .filter(v -> Integer.toString(v.version()).equals(wanted)).findFirst()
                .orElseThrow(() -> new NotFoundException("the function '" + name + "' has no version " + wanted));
        exchange.json(200, Views.version(version, true));
    }

    private void instancesHandler(Exchange exchange) {
        WorkspaceId workspace = workspace(exchange);
        String name = name(exchange);
        ObjectNode body = Exchange.JSON.createObjectNode();
        body.set("instances", Exchange.JSON.valueToTree(platform.instances(workspace, name)));
        body.put("inFlight", platform.inFlight(workspace, name));
        body.put("provisionedReady", platform.provisionedReady(workspace, name));
        exchange.json(200, body);
    }

    private void metricsHandler(Exchange exchange) {
        WorkspaceId workspace = workspace(exchange);
        String name = name(exchange);
        int seconds = exchange.intQuery("seconds", 60, 1, FunctionMetrics.RETAINED_SECONDS);
        Prices prices = platform.billing(workspace).prices();
        ArrayNode points = Exchange.JSON.createArrayNode();
        platform.metrics(workspace, name, seconds).forEach(point -> points.add(Views.metric(point, prices)));
        ObjectNode body = Exchange.JSON.createObjectNode();
        body.set("totals", Exchange.JSON.valueToTree(platform.totals(workspace, name)));
        body.set("points", points);
        exchange.json(200, body);
    }

    private void logsHandler(Exchange exchange) {
        WorkspaceId workspace = workspace(exchange);
        String name = name(exchange);
        int limit = exchange.intQuery("limit", 200, 1, 10_000);
        String after = exchange.query("after");
        ObjectNode body = Exchange.JSON.createObjectNode();
        if (after == null) {
            body.set("lines", Views.logs(platform.logTail(workspace, name, limit)));
        } else {
            long afterSequence;
            try {
                afterSequence = Long.parseLong(after);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("the query parameter after must be a line's sequence number, not '" + after + "'");
            }
            body.set("lines", Views.logs(platform.logs(workspace, name, afterSequence, limit)));
        }
        exchange.json(200, body);
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
}
