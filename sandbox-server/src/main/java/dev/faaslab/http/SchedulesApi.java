package dev.faaslab.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.events.schedule.Schedule;
import dev.faaslab.events.schedule.ScheduleExpression;
import dev.faaslab.events.schedule.Scheduler;
import dev.faaslab.platform.NotFoundException;
import dev.faaslab.platform.Platform;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** {@code /api/schedules}: EventBridge-style scheduled rules, each invoking one function. */
final class SchedulesApi {

    /** How many upcoming fire times a schedule shows. */
    static final int PREVIEW = 5;
    private static final Set<String> FIELDS = Set.of("expression", "function", "qualifier", "enabled", "input");

    private final Scheduler scheduler;
    private final Platform platform;
    private final WorkspaceResolver workspaces;

    SchedulesApi(Scheduler scheduler, Platform platform, WorkspaceResolver workspaces) {
        this.scheduler = scheduler;
        this.platform = platform;
        this.workspaces = workspaces;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/api/schedules", this::listHandler),
                new Route("GET", "/api/schedules/{name}", this::getHandler),
                new Route("PUT", "/api/schedules/{name}", this::putHandler),
                new Route("DELETE", "/api/schedules/{name}", this::deleteHandler));
    }

    private void listHandler(Exchange exchange) {
        WorkspaceId workspace = workspaces.resolve(exchange.request);
        ArrayNode schedules = Exchange.JSON.createArrayNode();
        for (Schedule schedule : scheduler.list(workspace)) {
            schedules.add(view(workspace, schedule, 1));
        }
        ObjectNode body = Exchange.JSON.createObjectNode();
        body.set("schedules", schedules);
        exchange.json(200, body);
    }

    private void getHandler(Exchange exchange) {
        WorkspaceId workspace = workspaces.resolve(exchange.request);
        exchange.json(200, view(workspace, find(workspace, exchange.param("name")), PREVIEW));
    }

    private void putHandler(Exchange exchange) throws Exception {
        WorkspaceId workspace = workspaces.resolve(exchange.request);
        String name = exchange.param("name");
        JsonNode body = exchange.jsonBody();
        Schedule existing = scheduler.find(workspace, name).orElse(null);
        Schedule schedule = read(name, body, existing, Instant.ofEpochMilli(platform.clock().epochMillis()));
        try {
            // the target must exist now (it may be deleted later)
            platform.check(workspace, schedule.function(), schedule.qualifier());
        } catch (NotFoundException e) {
            throw ApiException.badRequest("the schedule's target does not exist: " + e.getMessage());
        }
        scheduler.put(workspace, schedule);
        exchange.response.getHeaders().put("Location", "/api/schedules/" + name);
        exchange.json(existing == null ? 201 : 200, view(workspace, schedule, PREVIEW));
    }

    /**
     * The schedule a PUT body describes: fields left out keep {@code existing}'s values (null for a new
     * schedule), and a rate counts again from {@code now} when its expression changes or it is enabled again.
     */
    static Schedule read(String name, JsonNode body, Schedule existing, Instant now) {
        JsonFields.onlyFields(body, FIELDS, "{\"expression\":\"rate(5 minutes)\",\"function\":\"my-function\"}");
        String expression = JsonFields.text(body, "expression", existing == null ? null : existing.expression());
        String function = JsonFields.text(body, "function", existing == null ? null : existing.function());
        if (expression == null || function == null) {
            throw ApiException.badField(expression == null ? "expression" : "function", "a new schedule needs an expression and a function: {\"expression\":\"rate(5 minutes)\",\"function\":\"my-function\"}");
        }
        String qualifier = body.has("qualifier") ? JsonFields.text(body, "qualifier", null) : existing == null ? null : existing.qualifier();
        boolean enabled = body.has("enabled") ? JsonFields.bool(body, "enabled") : existing == null || existing.enabled();
        String input = body.has("input") ? (body.get("input").isNull() ? null : body.get("input").toString())
                : existing == null ? null : existing.input();
        JsonFields.checked("expression", () -> ScheduleExpression.parse(expression));
        boolean restarts = existing == null || !existing.expression().equals(expression) || (enabled && !existing.enabled());
        return new Schedule(name, expression, function, qualifier, enabled, input,
                existing == null ? now : existing.createdAt(), now, restarts ? now : existing.startedAt(),
                existing == null ? null : existing.lastFiredAt());
    }

    private void deleteHandler(Exchange exchange) {
        String name = exchange.param("name");
        if (!scheduler.delete(workspaces.resolve(exchange.request), name)) {
            throw new NotFoundException("there is no schedule named '" + name + "' to delete");
        }
        exchange.empty(204);
    }

    private Schedule find(WorkspaceId workspace, String name) {
        return scheduler.find(workspace, name).orElseThrow(() -> new NotFoundException("there is no schedule named '"
                + name + "': create it with PUT /api/schedules/" + name));
    }

    private ObjectNode view(WorkspaceId workspace, Schedule schedule, int preview) {
        ObjectNode node = Exchange.JSON.createObjectNode();
        node.put("name", schedule.name());
        node.put("arn", workspace.identity().ruleArn(schedule.name()));
        node.put("expression", schedule.expression());
        node.put("function", schedule.function());
        node.put("qualifier", schedule.qualifier() == null ? "$LATEST" : schedule.qualifier());
        node.put("enabled", schedule.enabled());
        if (schedule.input() == null) {
            node.putNull("input");
        } else {
            try {
                node.set("input", Exchange.JSON.readTree(schedule.input()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("a stored input is always JSON", e);
            }
        }
        node.put("createdAt", schedule.createdAt().toString());
        node.put("updatedAt", schedule.updatedAt().toString());
        putInstant(node, "lastFiredAt", schedule.lastFiredAt());
        putInstant(node, "nextFireAt", scheduler.nextFire(workspace, schedule.name()).orElse(null));
        ArrayNode times = node.putArray("nextFireTimes");
        if (schedule.enabled()) {
            scheduler.preview(schedule, preview).forEach(time -> times.add(time.toString()));
        }
        ArrayNode notes = node.putArray("notes");
        ScheduleExpression.parse(schedule.expression()).notes().forEach(notes::add);
        return node;
    }

    private static void putInstant(ObjectNode node, String field, Instant instant) {
        if (instant == null) {
            node.putNull(field);
        } else {
            node.put(field, instant.toString());
        }
    }
}
