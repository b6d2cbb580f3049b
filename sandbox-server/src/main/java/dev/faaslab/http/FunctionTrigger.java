package dev.faaslab.http;

import dev.faaslab.core.WorkspaceId;
import dev.faaslab.platform.Invocation;
import dev.faaslab.platform.Platform;
import dev.faaslab.runtime.Event;
import dev.faaslab.runtime.HttpReply;
import dev.faaslab.runtime.Ids;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;

/**
 * The HTTP trigger: any method on {@code /fn/{name}} or {@code /fn/{name}/{path...}} becomes an HTTP
 * event for the function's {@code $LATEST}, and its result goes back as the runtime's handler style maps
 * it (Lambda's: an API Gateway HTTP API (payload 2.0) event, and API Gateway's response mapping).
 * {@code /fn/{name}} acts as the API's mapping, so the event's path is what follows it.
 */
final class FunctionTrigger {

    private final Platform platform;
    private final WorkspaceResolver workspaces;

    FunctionTrigger(Platform platform, WorkspaceResolver workspaces) {
        this.platform = platform;
        this.workspaces = workspaces;
    }

    List<Route> routes() {
        return List.of(new Route("*", "/fn/{name}", this::triggerHandler),
                new Route("*", "/fn/{name}/{path...}", this::triggerHandler));
    }

    private void triggerHandler(Exchange exchange) throws Exception {
        WorkspaceId workspace = workspaces.resolve(exchange.request);
        String name = exchange.param("name");
        if (platform.function(workspace, name).isEmpty()) {
            throw new ApiException(404, "NotFound", "there is no function named '" + name
                    + "' behind /fn/" + name + ": create it with PUT /api/functions/" + name);
        }
        Request request = exchange.request;
        String path = exchange.param("path");
        String requestId = Ids.requestId();
        Event.Http event = new Event.Http(request.getMethod(), path == null ? "/" : "/" + path,
                request.getHttpURI().getQuery(), headers(request.getHeaders()), exchange.body(),
                Request.getRemoteAddr(request), request.getHeaders().get(org.eclipse.jetty.http.HttpHeader.HOST),
                requestId, platform.clock().epochMillis());
        // The function's own style maps its answer: the deployment that ran it says which.
        HttpReply mapped = switch (platform.invoke(workspace, name, null, event, requestId)) {
            case Invocation.Throttled throttled -> throw Throttles.apiException(throttled.throttle());
            case Invocation.Completed completed -> completed.httpReply();
        };
        send(exchange, mapped, requestId);
    }

    private static List<Event.Header> headers(HttpFields fields) {
        List<Event.Header> headers = new ArrayList<>(fields.size());
        for (HttpField field : fields) {
            headers.add(new Event.Header(field.getName(), field.getValue()));
        }
        return headers;
    }

    private static void send(Exchange exchange, HttpReply mapped, String requestId) {
        var response = exchange.response;
        response.setStatus(mapped.status());
        HttpFields.Mutable headers = response.getHeaders();
        headers.add("apigw-requestid", requestId);
        for (String cookie : mapped.cookies()) {
            headers.add("Set-Cookie", cookie);
        }
        for (Event.Header header : mapped.headers()) {
            headers.add(header.name(), header.value());
        }
        response.write(true, ByteBuffer.wrap(mapped.body()), exchange.callback);
    }
}
