package dev.faaslab.runtime.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.runtime.Payloads;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one host entry point of the {@code faaslab} module, for the instances of one function. Both
 * languages send the same JSON request, {@code {"service":"table","operation":"put","args":{…}}}, and
 * get back {@code {"result":…}} or {@code {"error":{"code":…,"message":…}}}, which their module turns
 * into a value or a thrown error named by the code.
 *
 * <p>This is where the rules of the only door out of the sandbox are kept: every call runs for the
 * function's own workspace (the guest cannot name another), requests and results are limited to 6 MB,
 * every call is counted, and a call gets no more time than the invocation has left. A call cut off by
 * the timeout is abandoned, not interrupted: it may still take effect, as a request to a real service
 * may after its client gave up.
 */
public final class SdkBridge {

    /** Lambda's payload limit, applied to each SDK request and result as well. */
    public static final int MAX_BYTES = Payloads.MAX_BYTES;

    /** Told of every call, for the function's metrics. */
    @FunctionalInterface
    public interface Listener {
        /** @param reply what the call was and how it ended ({@link Reply#errorCode()} null when it succeeded) */
        void called(Reply reply);
    }

    /**
     * What a call answered, and what it was, for the log line.
     *
     * @param json      the answer to hand to the guest
     * @param resource  the table, bucket or queue named, or null
     * @param errorCode the error's code, or null when it succeeded
     */
    public record Reply(String json, String service, String operation, String resource, String errorCode) {

        /** A call refused or failed with {@code code}, as the guest's module reads it: {@code {"error":{code,message}}}. */
        public static Reply error(String code, String message, String service, String operation, String resource) {
            ObjectNode answer = JSON.createObjectNode();
            answer.putObject("error").put("code", code).put("message", message);
            return new Reply(answer.toString(), service, operation, resource, code);
        }

        /** As above, for a call whose service and operation are not known where it failed. */
        public static Reply error(String code, String message) {
            return error(code, message, null, null, null);
        }

        /** {@code table.put orders}. */
        public String label() {
            return (service == null ? "?" : service) + "." + (operation == null ? "?" : operation)
                    + (resource == null ? "" : " " + resource);
        }
    }

    private static final ObjectMapper JSON = dev.faaslab.core.Json.MAPPER;
    private static final Logger LOG = LoggerFactory.getLogger(SdkBridge.class);
    // Calls run here so that the invocation's thread can stop waiting at its deadline. Virtual threads:
    // a call blocked on a database lock costs no platform thread.
    private static final ExecutorService CALLS = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("faaslab-sdk-", 0).factory());

    /** Carries a guest's request to a bridge in another process, and brings back its reply. */
    @FunctionalInterface
    public interface Forward {
        Reply call(String requestJson, long remainingNanos);
    }

    private final SdkRegistry registry;
    private final WorkspaceId workspace;
    private final Listener listener;
    private final Forward forward;

    private SdkBridge(SdkRegistry registry, WorkspaceId workspace, Listener listener) {
        this(registry, workspace, listener, null);
    }

    private SdkBridge(SdkRegistry registry, WorkspaceId workspace, Listener listener, Forward forward) {
        this.registry = registry;
        this.workspace = workspace;
        this.listener = listener;
        this.forward = forward;
    }

    /**
     * A worker process's bridge: every call goes to the server's bridge for the function ({@code forward}), which
     * keeps the rules; this side only hands the guest what comes back.
     */
    public static SdkBridge forwarding(Forward forward) {
        return new SdkBridge(null, null, reply -> { }, java.util.Objects.requireNonNull(forward, "forward"));
    }

    /** The bridge for a function of {@code workspace} on the server. */
    public static SdkBridge of(SdkRegistry registry, WorkspaceId workspace, Listener listener) {
        return new SdkBridge(registry, workspace, listener);
    }

    /** No services: a function run on its own ({@code ./faaslab invoke}); every call says how to get them. */
    public static SdkBridge standalone() {
        return new SdkBridge(null, null, reply -> { });
    }

    /**
     * Runs one request from a guest.
     *
     * @param requestJson    the guest's request (null when the guest sent something else)
     * @param remainingNanos how long the invocation has left; the call is abandoned after that
     */
    public Reply call(String requestJson, long remainingNanos) {
        if (forward != null) {
            return forward.call(requestJson, remainingNanos);
        }
        Request request;
        try {
            request = Request.parse(requestJson);
        } catch (SdkException e) {
            return failed(Request.guess(requestJson), e.code(), e.getMessage());
        }
        String label = request.service() + "." + request.operation();
        if (registry == null) {
            return failed(request, "ServiceUnavailableException", label + ": services (table, bucket, queue) "
                    + "run in the FaaS Lab server, and ./faaslab invoke runs a function on its own, without them. "
                    + "Start the server with ./faaslab start, deploy the function there and invoke it.");
        }
        SdkService service = registry.find(request.service()).orElse(null);
        if (service == null) {
            return failed(request, "ServiceUnavailableException", label + ": this server has no '" + request.service()
                    + "' service" + (registry.names().isEmpty() ? "" : "; it has " + String.join(", ", registry.names())) + ".");
        }
        if (remainingNanos <= 0) {
            return failed(request, "TimeoutError", label + ": the invocation has no time left for the call.");
        }
        CompletableFuture<JsonNode> running;
        try {
            // The call runs on another thread: it carries the invocation's lineage there, so that an event it
            // causes (a bucket's notification) belongs to the same chain.
            Lineage lineage = Lineage.current();
            running = CompletableFuture.supplyAsync(() -> ScopedValue.where(Lineage.CURRENT, lineage)
                    .call(() -> service.call(workspace, request.operation(), request.args())), CALLS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return failed(request, "ServiceUnavailableException", label + ": the server is stopping.");
        }
        JsonNode result;
        try {
            result = running.get(remainingNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return failed(request, "TimeoutError", label + " did not finish before the invocation's timeout;"
                    + " it may still take effect. Raise the function's timeout, or ask for less in one call.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(request, "ServiceUnavailableException", label + ": the server is stopping.");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SdkException refused) {
                return failed(request, refused.code(), refused.getMessage());
            }
            LOG.warn("the SDK call {} of workspace {} failed", label, workspace, e.getCause());
            return failed(request, "InternalFailure", label + " failed inside FaaS Lab ("
                    + e.getCause().getClass().getSimpleName() + "); try again, and report it if it keeps failing.");
        }
        String json;
        try {
            ObjectNode reply = JSON.createObjectNode();
            reply.set("result", result == null ? JSON.nullNode() : result);
            json = JSON.writeValueAsString(reply);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
        long size = Payloads.utf8Length(json);
        if (size > MAX_BYTES) {
            return failed(request, "ResponseTooLargeException", label + " returned " + size + " bytes, over the SDK's limit of "
                    + MAX_BYTES + " bytes (6 MB) per call. Ask for less at a time (a limit, a prefix, smaller objects).");
        }
        Reply reply = new Reply(json, request.service(), request.operation(), request.resource(), null);
        listener.called(reply);
        return reply;
    }

    private Reply failed(Request request, String code, String message) {
        Reply reply = Reply.error(code, message, request.service(), request.operation(), request.resource());
        listener.called(reply);
        return reply;
    }

    /** A guest's request, read and checked; the workspace is never part of it. */
    private record Request(String service, String operation, ObjectNode args, String resource) {

        static Request parse(String json) {
            if (json == null) {
                throw new SdkException("ValidationException", "the SDK request must be a JSON text");
            }
            long size = Payloads.utf8Length(json);
            if (size > MAX_BYTES) {
                Request guessed = guess(json);
                throw new SdkException("RequestTooLargeException", guessed.service() + "." + guessed.operation()
                        + ": the request is " + size
                        + " bytes, over the SDK's limit of " + MAX_BYTES + " bytes (6 MB) per call."
                        + " Send less at a time: split the data, or store it in pieces.");
            }
            JsonNode node;
            try {
                node = JSON.readTree(json);
            } catch (JsonProcessingException e) {
                throw new SdkException("ValidationException", "the SDK request is not JSON: " + e.getOriginalMessage());
            }
            JsonNode service = node.path("service");
            JsonNode operation = node.path("operation");
            JsonNode args = node.path("args");
            if (!service.isTextual() || !operation.isTextual() || !(args.isObject() || args.isMissingNode())) {
                throw new SdkException("ValidationException",
                        "the SDK request must be {\"service\":…,\"operation\":…,\"args\":{…}}");
            }
            ObjectNode arguments = args.isObject() ? (ObjectNode) args : JSON.createObjectNode();
            JsonNode resource = arguments.path(service.textValue());
            return new Request(service.textValue(), operation.textValue(), arguments,
                    resource.isTextual() ? resource.textValue() : null);
        }

        private static final Pattern SERVICE = Pattern.compile("\"service\"\\s*:\\s*\"(\\w{1,32})\"");
        private static final Pattern OPERATION = Pattern.compile("\"operation\"\\s*:\\s*\"(\\w{1,32})\"");

        /** The service and operation read from the start of a request that could not be read whole, for the log. */
        static Request guess(String json) {
            String head = json == null ? "" : json.substring(0, Math.min(json.length(), 200));
            Matcher service = SERVICE.matcher(head);
            Matcher operation = OPERATION.matcher(head);
            return new Request(service.find() ? service.group(1) : "sdk", operation.find() ? operation.group(1) : "call",
                    null, null);
        }
    }
}
