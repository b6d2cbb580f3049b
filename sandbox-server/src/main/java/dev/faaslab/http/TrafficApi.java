package dev.faaslab.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.core.TrafficPattern;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.platform.Platform;
import dev.faaslab.stream.TrafficStatus;
import dev.faaslab.traffic.TrafficGenerator;
import dev.faaslab.traffic.TrafficPlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/traffic}: the lab's traffic generator. {@code POST} starts a run that sends real requests to
 * a function's HTTP trigger, {@code GET} shows it, {@code DELETE} stops it; the live stream reports it too.
 */
final class TrafficApi {

    static final Set<String> FIELDS = Set.of("function", "pattern", "rps", "durationSeconds", "burst",
            "method", "path", "query", "body", "headers");
    private static final String EXAMPLE = "{\"function\":\"hello\",\"pattern\":\"steady\",\"rps\":10,\"durationSeconds\":20}";

    private final TrafficGenerator traffic;
    private final Platform platform;
    private final WorkspaceResolver workspaces;
    private final java.util.function.ToIntFunction<WorkspaceId> maxRps;

    /** @param maxRps the highest base rate the workspace may ask for (a class's quota for its learners) */
    TrafficApi(TrafficGenerator traffic, Platform platform, WorkspaceResolver workspaces,
               java.util.function.ToIntFunction<WorkspaceId> maxRps) {
        this.traffic = traffic;
        this.platform = platform;
        this.workspaces = workspaces;
        this.maxRps = maxRps;
    }

    List<Route> routes() {
        return List.of(
                new Route("POST", "/api/traffic", this::startHandler),
                new Route("GET", "/api/traffic", this::currentHandler),
                new Route("DELETE", "/api/traffic", this::stopHandler));
    }

    private void startHandler(Exchange exchange) throws Exception {
        WorkspaceId workspace = workspaces.resolve(exchange.request);
        TrafficPlan plan = plan(exchange.jsonBody());
        platform.check(workspace, plan.function(), null); // 404, as the functions API says it, when there is none
        int most = maxRps.applyAsInt(workspace);
        if (plan.rps() != null && plan.rps() > most) {
            throw new ApiException(429, "QuotaExceeded", "your class allows the traffic generator " + most
                    + " requests a second, not " + plan.rps() + ": ask for " + most + " or fewer",
                    Map.of("quota", "trafficRps", "limit", most));
        }
        exchange.json(202, new TrafficView(traffic.start(workspace, plan)));
    }

    private void currentHandler(Exchange exchange) {
        exchange.json(200, TrafficView.of(traffic.current(workspaces.resolve(exchange.request))));
    }

    private void stopHandler(Exchange exchange) {
        exchange.json(200, TrafficView.of(traffic.stop(workspaces.resolve(exchange.request))));
    }

    static TrafficPlan plan(JsonNode body) {
        JsonFields.onlyFields(body, FIELDS, EXAMPLE);
        String pattern = optionalText(body, "pattern");
        return new TrafficPlan(optionalText(body, "function"), pattern == null ? null : pattern(pattern),
                JsonFields.integer(body, "rps", null), JsonFields.integer(body, "durationSeconds", null),
                JsonFields.integer(body, "burst", null), optionalText(body, "method"), optionalText(body, "path"),
                optionalText(body, "query"), optionalText(body, "body"), headers(body));
    }

    private static TrafficPattern pattern(String label) {
        try {
            return TrafficPattern.of(label, TrafficPattern.Engine.LIVE);
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("pattern", "the field 'pattern' " + e.getMessage());
        }
    }

    private static String optionalText(JsonNode body, String field) {
        return body.hasNonNull(field) ? JsonFields.text(body, field) : null;
    }

    private static Map<String, String> headers(JsonNode body) {
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode field = body.get("headers");
        if (field == null || field.isNull()) {
            return headers;
        }
        if (!field.isObject()) {
            throw JsonFields.wrongType("headers", "an object of names and text values, such as {\"x-trace\":\"lab\"}",
                    field);
        }
        for (var header : field.properties()) {
            if (!header.getValue().isTextual()) {
                throw JsonFields.wrongType("headers", "an object whose values are strings (the header '"
                        + header.getKey() + "' is not one)", header.getValue());
            }
            headers.put(header.getKey(), header.getValue().textValue());
        }
        return headers;
    }

    /** What the traffic API answers: the workspace's run, null when it has had none. */
    record TrafficView(TrafficStatus run) {

        static TrafficView of(Optional<TrafficStatus> run) {
            return new TrafficView(run.orElse(null));
        }
    }
}
