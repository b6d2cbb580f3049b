package dev.faaslab.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.faaslab.core.Problem;
import dev.faaslab.runtime.Ids;
import java.io.CharConversionException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches requests through the route table, and turns every refusal into the API's one error shape,
 * {@code {"error":{"code":"…","message":"…"}}}, with the right status: the one place where a {@link Problem}
 * becomes a response.
 */
final class Router extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private final List<Route> routes;
    private final List<String[]> templates = new ArrayList<>();
    /**
     * For each literal first segment, the routes that can match a path starting with it, in table order:
     * those whose template starts with it or with a parameter. A request to {@code /fn/...} then tries the
     * trigger's two routes instead of the whole table (a tenth of its CPU went on that scan).
     */
    private final Map<String, int[]> byFirstSegment = new HashMap<>();
    /** The routes whose template starts with a parameter: the candidates for any other first segment. */
    private final int[] anyFirstSegment;

    Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
        for (Route route : routes) {
            templates.add(split(route.template()));
        }
        Set<String> literals = new LinkedHashSet<>();
        for (String[] parts : templates) {
            if (parts.length > 0 && !parts[0].startsWith("{")) {
                literals.add(parts[0]);
            }
        }
        for (String literal : literals) {
            byFirstSegment.put(literal, candidates(literal));
        }
        anyFirstSegment = candidates(null);
    }

    /** The indexes of the routes whose first part is {@code literal} (when not null) or a parameter. */
    private int[] candidates(String literal) {
        List<Integer> indexes = new ArrayList<>();
        for (int r = 0; r < templates.size(); r++) {
            String[] parts = templates.get(r);
            if (parts.length == 0 || parts[0].startsWith("{") || parts[0].equals(literal)) {
                indexes.add(r);
            }
        }
        return indexes.stream().mapToInt(Integer::intValue).toArray();
    }

    List<Route> routes() {
        return routes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        String[] segments = split(path);
        String method = request.getMethod();
        Set<String> allowed = null;
        Exchange exchange = null;
        try {
            int[] candidates = segments.length == 0 ? anyFirstSegment
                    : byFirstSegment.getOrDefault(segments[0], anyFirstSegment);
            for (int r : candidates) {
                Route route = routes.get(r);
                Map<String, String> params = match(templates.get(r), segments);
                if (params == null) {
                    continue;
                }
                if (!route.method().equals(method) && !route.method().equals("*")) {
                    if (allowed == null) {
                        allowed = new LinkedHashSet<>();
                    }
                    allowed.add(route.method());
                    continue;
                }
                exchange = new Exchange(request, response, callback, params);
                // A route may run a function for as long as its timeout (Lambda allows 15 minutes): the
                // connection's idle timeout (Jetty's 30 s) must not cut off an answer the server is still working
                // on. A client too slow to send its body is BodyLoader's to end, not this.
                request.addIdleTimeoutListener(timeout -> false);
                route.handler().handle(exchange);
                return true;
            }
            exchange = new Exchange(request, response, callback, Map.of());
            if (allowed != null) {
                response.getHeaders().put(HttpHeader.ALLOW, String.join(", ", allowed));
                throw new ApiException(405, "MethodNotAllowed", method + " is not allowed on " + path
                        + ": use " + String.join(" or ", allowed));
            }
            throw new ApiException(404, "NotFound", "there is nothing at " + path
                    + ": the API is described at /api/openapi.json");
        } catch (Throwable e) {
            if (exchange == null) {
                exchange = new Exchange(request, response, callback, Map.of());
            }
            if (exchange.committed()) {
                LOG.warn("{} {} failed after its response began", method, path, e);
                callback.failed(e);
            } else {
                if (e instanceof OutOfMemoryError) {
                    response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
                }
                exchange.error(toProblem(e, method, path));
            }
            return true;
        }
    }

    /**
     * The API's answer for anything a handler threw: a {@link Problem} says its own status and code; anything
     * else is a bug in the server, not the learner's mistake, so it is logged with a request id and answered
     * 500 with that id and without its message (which may name the server's internals).
     */
    static Problem toProblem(Throwable e, String method, String path) {
        return switch (e) {
            case Problem problem -> problem;
            // The heap is shared with learners' code; the watchdog stops what grew it, and the server goes on.
            case OutOfMemoryError heap -> new ApiException(503, "ServerBusy", "the server ran short of"
                    + " memory while it handled " + method + " " + path + ": try again in a moment");
            case JsonProcessingException json -> new ApiException(400, "InvalidJson", Exchange.describe(json));
            // Jackson reads bytes that look like UTF-16 or UTF-32 as such; those that then do not decode fail here.
            case CharConversionException text -> new ApiException(400, "InvalidJson",
                    "malformed JSON: the body is not UTF-8 text (" + text.getMessage() + ")");
            default -> {
                String requestId = Ids.requestId();
                LOG.error("{} {} failed (request id {})", method, path, requestId, e);
                yield new ApiException(500, "InternalError", "FaaS Lab failed to handle " + method + " " + path
                        + ": a fault in the server, not in your request. The server log has the details under"
                        + " request id " + requestId + "; please report it with that id", Map.of("requestId", requestId));
            }
        };
    }

    private static final String REST = "...}";

    /** The path parameters when the segments fit the template's parts, else null. */
    static Map<String, String> match(String[] parts, String[] segments) {
        boolean rest = parts.length > 0 && parts[parts.length - 1].endsWith(REST);
        if (rest ? segments.length < parts.length - 1 : segments.length != parts.length) {
            return null;
        }
        Map<String, String> params = null;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.startsWith("{")) {
                if (params == null) {
                    params = new HashMap<>(4);
                }
                if (part.endsWith(REST)) {
                    params.put(part.substring(1, part.length() - REST.length()),
                            String.join("/", Arrays.copyOfRange(segments, Math.min(i, segments.length), segments.length)));
                    return params;
                }
                if (segments[i].isEmpty()) {
                    return null;
                }
                params.put(part.substring(1, part.length() - 1), segments[i]);
            } else if (!part.equals(segments[i])) {
                return null;
            }
        }
        return params == null ? Map.of() : params;
    }

    /** Path segments without the leading slash: {@code /api/functions/x} → {@code [api, functions, x]}. */
    static String[] split(String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return new String[0];
        }
        String trimmed = path.charAt(0) == '/' ? path.substring(1) : path;
        return trimmed.split("/", -1);
    }
}
