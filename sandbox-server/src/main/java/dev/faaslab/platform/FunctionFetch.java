package dev.faaslab.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.core.Json;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.runtime.Event;
import dev.faaslab.runtime.HttpReply;
import dev.faaslab.runtime.Ids;
import dev.faaslab.runtime.sdk.Lineage;
import dev.faaslab.runtime.sdk.SdkException;
import dev.faaslab.runtime.sdk.SdkService;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a function's {@code fetch} reaches: the HTTP triggers of its own workspace's functions, as if called at
 * {@code /fn/{name}/…} (the guest checks the URL; this takes its path). The request becomes the same HTTP event the
 * trigger makes, the answer the same response, so a function calls another as a browser would. A chain that
 * would run a function more than {@value Lineage#MAX_INVOCATIONS} times is stopped, as Lambda stops loops.
 */
public final class FunctionFetch implements SdkService {

    private static final Pattern TRIGGER = Pattern.compile("/fn/([^/]+)(/.*)?");

    private final Platform platform;

    public FunctionFetch(Platform platform) {
        this.platform = platform;
    }

    @Override
    public String name() {
        return "fetch";
    }

    @Override
    public JsonNode call(WorkspaceId workspace, String operation, JsonNode args) {
        if (!operation.equals("request")) {
            throw new SdkException("ValidationException", "fetch has one operation, request; not '" + operation + "'");
        }
        String method = args.path("method").asText("GET");
        Matcher path = TRIGGER.matcher(args.path("path").asText(""));
        if (!path.matches()) {
            throw new SdkException("ValidationException", "fetch reaches /fn/{name}/…, not " + args.path("path").asText(""));
        }
        String name = path.group(1);
        if (platform.function(workspace, name).isEmpty()) {
            return reply(404, List.of(new Event.Header("content-type", "application/json")),
                    ("{\"message\":\"Not Found: there is no function named '" + name + "' in this workspace\"}").getBytes(
                            java.nio.charset.StandardCharsets.UTF_8));
        }
        Lineage lineage = Lineage.current();
        if (lineage.wouldLoop(name)) {
            throw new SdkException("LoopDetected", "fetch('/fn/" + name + "/…') would run " + name + " a "
                    + (lineage.count(name) + 1) + "th time in one chain of calls: FaaS Lab stops such loops at "
                    + Lineage.MAX_INVOCATIONS + ", as Lambda does. Look for a function that calls itself, or two that call each other.");
        }
        List<Event.Header> headers = new ArrayList<>();
        for (JsonNode pair : args.path("headers")) {
            headers.add(new Event.Header(pair.path(0).asText(), pair.path(1).asText()));
        }
        byte[] body = args.path("body").isTextual() ? Base64.getDecoder().decode(args.path("body").asText()) : new byte[0];
        String requestId = Ids.requestId();
        Event.Http event = new Event.Http(method, path.group(2) == null ? "/" : path.group(2),
                args.path("query").asText(""), headers, body, "127.0.0.1", "localhost", requestId,
                platform.clock().epochMillis());
        Invocation invocation = ScopedValue.where(Lineage.CURRENT, lineage.invoked(name))
                .call(() -> platform.invoke(workspace, name, null, event, requestId));
        return switch (invocation) {
            case Invocation.Throttled throttled -> reply(429, List.of(new Event.Header("content-type", "application/json")),
                    ("{\"message\":\"Too Many Requests\",\"reason\":" + Json.MAPPER.valueToTree(throttled.throttle().message())
                            + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            case Invocation.Completed completed -> {
                HttpReply mapped = completed.httpReply();
                List<Event.Header> all = new ArrayList<>(mapped.headers());
                for (String cookie : mapped.cookies()) {
                    all.add(new Event.Header("set-cookie", cookie));
                }
                all.add(new Event.Header("apigw-requestid", requestId));
                yield reply(mapped.status(), all, mapped.body());
            }
        };
    }

    private static JsonNode reply(int status, List<Event.Header> headers, byte[] body) {
        ObjectNode reply = Json.MAPPER.createObjectNode();
        reply.put("status", status);
        ArrayNode pairs = reply.putArray("headers");
        for (Event.Header header : headers) {
            pairs.addArray().add(header.name()).add(header.value());
        }
        reply.put("body", Base64.getEncoder().encodeToString(body));
        return reply;
    }
}
