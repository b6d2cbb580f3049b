package dev.faaslab.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.faaslab.core.Identity;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.platform.Invocation;
import dev.faaslab.platform.NotFoundException;
import dev.faaslab.platform.Platform;
import dev.faaslab.platform.Quota;
import dev.faaslab.platform.QuotaExceededException;
import dev.faaslab.runtime.InvocationResult;
import dev.faaslab.runtime.Language;
import dev.faaslab.runtime.Outcome;
import dev.faaslab.runtime.Payloads;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.eclipse.jetty.util.URIUtil;

/**
 * AWS Lambda's Invoke API on the wire ({@code POST /2015-03-31/functions/{name}/invocations}), so that
 * the AWS CLI and SDKs can invoke a FaaS Lab function with an endpoint override. Errors take Lambda's
 * shape: the {@code X-Amzn-ErrorType} header and {@code {"Type":"User","message":…}}.
 */
final class InvokeApi {

    /** Lambda's {@code X-Amz-Log-Result} holds the last 4 KB of the invocation's log. */
    static final int LOG_TAIL_BYTES = 4096;

    private final Platform platform;
    private final WorkspaceResolver workspaces;

    InvokeApi(Platform platform, WorkspaceResolver workspaces) {
        this.platform = platform;
        this.workspaces = workspaces;
    }

    List<Route> routes() {
        return List.of(new Route("POST", "/2015-03-31/functions/{name}/invocations", this::invokeHandler));
    }

    private void invokeHandler(Exchange exchange) throws Exception {
        try {
            invoke(exchange);
        } catch (ApiException e) {
            lambdaError(exchange, e.status(), e.code(), e.getMessage(), null);
        } catch (NotFoundException e) {
            lambdaError(exchange, 404, "ResourceNotFoundException", "Function not found: " + arn(workspaces.resolve(exchange.request), exchange), null);
        } catch (Payloads.PayloadTooLargeException e) {
            lambdaError(exchange, 413, "RequestTooLargeException", e.getMessage(), null);
        } catch (QuotaExceededException e) {
            // Lambda's names: an event too large, or too many waiting (SDKs retry a 429 later, as they should).
            if (e.quota().kind() == Quota.Kind.TOO_LARGE) {
                lambdaError(exchange, 413, "RequestTooLargeException", e.getMessage(), null);
            } else {
                lambdaError(exchange, 429, "TooManyRequestsException", e.getMessage(), null);
            }
        }
    }

    private void invoke(Exchange exchange) throws Exception {
        WorkspaceId workspace = workspaces.resolve(exchange.request);
        String[] target = target(URIUtil.decodePath(exchange.param("name")), exchange.query("Qualifier"));
        String name = target[0];
        String qualifier = target[1];
        String type = exchange.header("X-Amz-Invocation-Type");
        if (type == null) {
            type = "RequestResponse";
        }
        String payload = payload(exchange);
        if (platform.function(workspace, name).isEmpty()) {
            throw new NotFoundException(name);
        }
        switch (type) {
            case "RequestResponse" -> requestResponse(exchange, workspace, name, qualifier, payload);
            case "Event" -> {
                String requestId = platform.invokeAsync(workspace, name, qualifier, payload);
                exchange.response.getHeaders().put("X-Amzn-RequestId", requestId);
                exchange.empty(202);
            }
            case "DryRun" -> {
                // A DryRun checks that the function (and version) exists and may be invoked, and runs nothing.
                platform.check(workspace, name, qualifier);
                exchange.response.getHeaders().put("X-Amzn-RequestId", dev.faaslab.runtime.Ids.requestId());
                exchange.empty(204);
            }
            default -> throw new ApiException(400, "InvalidParameterValueException", "X-Amz-Invocation-Type must be"
                    + " RequestResponse, Event or DryRun, not '" + type + "'");
        }
    }

    private void requestResponse(Exchange exchange, WorkspaceId workspace, String name, String qualifier,
                                 String payload) {
        Invocation invocation = platform.invoke(workspace, name, qualifier, payload);
        if (invocation instanceof Invocation.Throttled(var throttle)) {
            lambdaError(exchange, 429, "TooManyRequestsException", throttle.message(), throttle.reason().name());
            return;
        }
        Invocation.Completed completed = (Invocation.Completed) invocation;
        InvocationResult result = completed.result();
        var headers = exchange.response.getHeaders();
        headers.put("X-Amzn-RequestId", result.requestId());
        headers.put("X-Amz-Executed-Version", completed.version());
        if ("Tail".equals(exchange.header("X-Amz-Log-Type"))) {
            headers.put("X-Amz-Log-Result", logTail(result.logText(completed.version())));
        }
        String body;
        if (result.outcome() instanceof Outcome.Success(String json)) {
            body = json == null ? "null" : json;
        } else {
            headers.put("X-Amz-Function-Error", "Unhandled");
            Language language = platform.function(workspace, name).map(r -> r.spec().language()).orElse(Language.NODEJS);
            body = result.errorPayload(language);
        }
        exchange.send(200, Exchange.JSON_TYPE, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Base64 of the log's last 4 KB, as Lambda's {@code X-Amz-Log-Result}. */
    static String logTail(List<String> lines) {
        byte[] all = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = all.length <= LOG_TAIL_BYTES ? all : Arrays.copyOfRange(all, all.length - LOG_TAIL_BYTES, all.length);
        return Base64.getEncoder().encodeToString(tail);
    }

    private static String payload(Exchange exchange) throws Exception {
        try {
            return exchange.payload();
        } catch (ApiException e) {
            if (e.status() == 400) {
                throw new ApiException(400, "InvalidRequestContentException",
                        "Could not parse request body into json: " + e.getMessage());
            }
            if (e.status() == 413) {
                throw new ApiException(413, "RequestTooLargeException",
                        "Request must be smaller than " + Payloads.MAX_BYTES + " bytes for the InvokeFunction operation");
            }
            throw e;
        }
    }

    /**
     * The function and qualifier from what a caller may pass as FunctionName: a name, {@code name:qualifier},
     * or an ARN, with or without a qualifier; the {@code Qualifier} query parameter wins.
     */
    static String[] target(String functionName, String queryQualifier) {
        String name = functionName;
        String qualifier = null;
        if (name.startsWith("arn:")) {
            String[] parts = name.split(":");
            if (parts.length < 7 || !parts[5].equals("function")) {
                throw new ApiException(400, "InvalidParameterValueException", "'" + functionName
                        + "' is not a function ARN such as " + Identity.SANDBOX.functionArnExample());
            }
            name = parts[6];
            qualifier = parts.length > 7 ? parts[7] : null;
        } else if (name.contains(":")) {
            qualifier = name.substring(name.indexOf(':') + 1);
            name = name.substring(0, name.indexOf(':'));
        }
        if (queryQualifier != null && !queryQualifier.isEmpty()) {
            qualifier = queryQualifier;
        }
        return new String[] {name, qualifier};
    }

    /** The ARN the caller named, as Lambda quotes it in "Function not found". */
    private static String arn(WorkspaceId workspace, Exchange exchange) {
        String[] target = target(URIUtil.decodePath(exchange.param("name")), exchange.query("Qualifier"));
        return workspace.identity().functionArn(target[0], target[1]);
    }

    private static void lambdaError(Exchange exchange, int status, String type, String message, String reason) {
        exchange.response.getHeaders().put("X-Amzn-ErrorType", type);
        exchange.json(status, new LambdaError(reason, status >= 500 ? "Service" : "User", message));
    }

    /** A refusal in Lambda's shape; only a throttle gives a {@code Reason}. */
    record LambdaError(@JsonProperty("Reason") @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
                       @JsonProperty("Type") String type, String message) {
    }
}
