package dev.faaslab.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
        exchange.json(200, new ScheduleList(scheduler.list(workspace).stream()
                .map(schedule -> view(workspace, schedule, 1)).toList()));
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
        return ScheduleRequest.from(body, existing).toSchedule(name, existing, now);
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

    private ScheduleView view(WorkspaceId workspace, Schedule schedule, int preview) {
        return ScheduleView.of(schedule, workspace.identity().ruleArn(schedule.name()),
                scheduler.nextFire(workspace, schedule.name()).orElse(null),
                schedule.enabled() ? scheduler.preview(schedule, preview) : List.of());
    }

    /** A PUT of a schedule, resolved: what the body leaves out is the existing schedule's, or the defaults. */
    record ScheduleRequest(String expression, String function, String qualifier, boolean enabled, String input) {

        /** Reads {@code body} over {@code existing}, which is null for a new schedule. */
        static ScheduleRequest from(JsonNode body, Schedule existing) {
            JsonFields.onlyFields(body, FIELDS, "{\"expression\":\"rate(5 minutes)\",\"function\":\"my-function\"}");
            String expression = JsonFields.text(body, "expression", existing == null ? null : existing.expression());
            String function = JsonFields.text(body, "function", existing == null ? null : existing.function());
            if (expression == null || function == null) {
                throw ApiException.badField(expression == null ? "expression" : "function", "a new schedule needs an"
                        + " expression and a function: {\"expression\":\"rate(5 minutes)\","
                        + "\"function\":\"my-function\"}");
            }
            String qualifier = body.has("qualifier") ? JsonFields.text(body, "qualifier", null)
                    : existing == null ? null : existing.qualifier();
            boolean enabled = body.has("enabled") ? JsonFields.bool(body, "enabled")
                    : existing == null || existing.enabled();
            String input = body.has("input") ? (body.get("input").isNull() ? null : body.get("input").toString())
                    : existing == null ? null : existing.input();
            JsonFields.checked("expression", () -> ScheduleExpression.parse(expression));
            return new ScheduleRequest(expression, function, qualifier, enabled, input);
        }

        /**
         * The schedule this request makes of {@code existing} at {@code now}: a rate counts again from now when
         * its expression changes or it is enabled again.
         */
        Schedule toSchedule(String name, Schedule existing, Instant now) {
            boolean restarts = existing == null || !existing.expression().equals(expression)
                    || (enabled && !existing.enabled());
            return new Schedule(name, expression, function, qualifier, enabled, input,
                    existing == null ? now : existing.createdAt(), now, restarts ? now : existing.startedAt(),
                    existing == null ? null : existing.lastFiredAt());
        }
    }

    /**
     * A schedule as the API shows it: its qualifier ($LATEST when it names none), its input as JSON, when it
     * fired last and will fire next (null for never), upcoming fire times (none while disabled) and the
     * expression's notes.
     */
    record ScheduleView(String name, String arn, String expression, String function, String qualifier, boolean enabled,
                        JsonNode input, String createdAt, String updatedAt, String lastFiredAt, String nextFireAt,
                        List<String> nextFireTimes, List<String> notes) {

        static ScheduleView of(Schedule schedule, String arn, Instant nextFireAt, List<Instant> nextFireTimes) {
            return new ScheduleView(schedule.name(), arn, schedule.expression(), schedule.function(),
                    schedule.qualifier() == null ? "$LATEST" : schedule.qualifier(), schedule.enabled(),
                    input(schedule), schedule.createdAt().toString(), schedule.updatedAt().toString(),
                    text(schedule.lastFiredAt()), text(nextFireAt),
                    nextFireTimes.stream().map(Instant::toString).toList(),
                    ScheduleExpression.parse(schedule.expression()).notes());
        }

        private static JsonNode input(Schedule schedule) {
            try {
                return schedule.input() == null ? null : Exchange.JSON.readTree(schedule.input());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a stored input is always JSON", e);
            }
        }

        private static String text(Instant instant) {
            return instant == null ? null : instant.toString();
        }
    }

    /** The schedules of a workspace, each with its next fire time only. */
    record ScheduleList(List<ScheduleView> schedules) {
    }
}
