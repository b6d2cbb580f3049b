package dev.faaslab.runtime.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.runtime.CodePackage;
import dev.faaslab.runtime.ErrorKind;
import dev.faaslab.runtime.Event;
import dev.faaslab.runtime.FunctionConfig;
import dev.faaslab.runtime.FunctionError;
import dev.faaslab.runtime.HandlerName;
import dev.faaslab.runtime.HandlerStyle;
import dev.faaslab.runtime.InvocationResult;
import dev.faaslab.runtime.Language;
import dev.faaslab.runtime.LogLevel;
import dev.faaslab.runtime.LogLine;
import dev.faaslab.runtime.Outcome;
import dev.faaslab.runtime.Report;
import dev.faaslab.runtime.SourceLocation;
import dev.faaslab.runtime.sdk.SdkBridge;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the server and a worker process say to each other: frames of a 4-byte length and a JSON object, each with an
 * {@code id} (the call it starts or answers) and a {@code type}. JSON into known records, never Java serialization:
 * the worker runs learners' code, so the server reads what it sends as it reads any untrusted input, and a frame
 * larger than {@link #MAX_FRAME} ends the connection.
 */
final class Wire {

    /** An event or a result is at most 6 MB, a code package 10 MB zipped (in base64 here); a frame, well under this. */
    static final int MAX_FRAME = 96 << 20;

    private static final ObjectMapper JSON = dev.faaslab.core.Json.MAPPER;

    private Wire() {
    }

    /** An empty object: a call's or a reply's fields, before whoever sends it gives it its id and type. */
    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static ObjectNode message(long id, String type) {
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id);
        message.put("type", type);
        return message;
    }

    /** Writes one frame; the caller holds the stream's lock. */
    static void write(DataOutputStream out, ObjectNode message) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(message);
        out.writeInt(bytes.length);
        out.write(bytes);
        out.flush();
    }

    /** The next frame, or null at the end of the stream. */
    static ObjectNode read(DataInputStream in) throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        if (length < 2 || length > MAX_FRAME) {
            throw new IOException("a frame of " + length + " bytes, outside 2.." + MAX_FRAME);
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            return null;
        }
        JsonNode node = JSON.readTree(bytes);
        if (!(node instanceof ObjectNode message)) {
            throw new IOException("a frame that is not a JSON object");
        }
        return message;
    }

    // ---- a function's configuration ----

    static ObjectNode config(FunctionConfig config) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", config.name());
        node.put("version", config.version());
        node.put("language", config.language().name());
        node.put("handler", config.handler().toString());
        node.put("fileName", config.fileName());
        node.put("code", config.code());
        node.put("memoryMb", config.memoryMb());
        node.put("timeoutMillis", config.timeout().toMillis());
        node.set("environment", JSON.valueToTree(config.environment()));
        if (config.codePackage() != null) {
            node.put("package", config.codePackage().toBase64());
        }
        node.set("bindings", JSON.valueToTree(config.bindings()));
        return node;
    }

    static FunctionConfig config(JsonNode node) {
        CodePackage files = node.hasNonNull("package") ? CodePackage.fromBase64(node.get("package").asText()) : null;
        return new FunctionConfig(node.get("name").asText(), node.get("version").asText(),
                Language.valueOf(node.get("language").asText()), HandlerName.parse(node.get("handler").asText()),
                node.get("fileName").asText(), node.get("code").asText(), node.get("memoryMb").asInt(),
                Duration.ofMillis(node.get("timeoutMillis").asLong()), strings(node.get("environment")), files,
                strings(node.get("bindings")));
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node != null) {
            node.properties().forEach(entry -> map.put(entry.getKey(), entry.getValue().asText()));
        }
        return map;
    }

    // ---- an event ----

    static ObjectNode event(Event event) {
        ObjectNode node = JSON.createObjectNode();
        switch (event) {
            case Event.Json(String json) -> node.put("json", json);
            case Event.Http http -> {
                ObjectNode request = node.putObject("http");
                request.put("method", http.method());
                request.put("path", http.path());
                request.put("rawQuery", http.rawQuery());
                ArrayNode headers = request.putArray("headers");
                http.headers().forEach(header -> headers.addObject().put("name", header.name())
                        .put("value", header.value()));
                request.put("body", Base64.getEncoder().encodeToString(http.body()));
                request.put("sourceIp", http.sourceIp());
                request.put("host", http.host());
                request.put("requestId", http.requestId());
                request.put("timeEpochMillis", http.timeEpochMillis());
            }
        }
        return node;
    }

    static Event event(JsonNode node) {
        if (node.has("json")) {
            return Event.json(node.get("json").asText());
        }
        JsonNode http = node.get("http");
        List<Event.Header> headers = new ArrayList<>();
        http.get("headers").forEach(header -> headers.add(new Event.Header(header.get("name").asText(),
                header.get("value").asText())));
        return new Event.Http(http.get("method").asText(), http.get("path").asText(), http.get("rawQuery").asText(),
                headers, Base64.getDecoder().decode(http.get("body").asText()), http.get("sourceIp").asText(),
                http.get("host").asText(), http.get("requestId").asText(), http.get("timeEpochMillis").asLong());
    }

    // ---- what an invocation produced ----

    static ObjectNode result(InvocationResult result) {
        ObjectNode node = JSON.createObjectNode();
        node.put("requestId", result.requestId());
        switch (result.outcome()) {
            case Outcome.Success(String json) -> node.put("success", json);
            case Outcome.Failure(FunctionError error) -> node.set("failure", error(error));
        }
        ArrayNode logs = node.putArray("logs");
        for (LogLine line : result.logs()) {
            logs.addObject().put("at", line.epochMillis()).put("requestId", line.requestId())
                    .put("level", line.level().name()).put("message", line.message());
        }
        Report report = result.report();
        ObjectNode figures = node.putObject("report");
        figures.put("requestId", report.requestId());
        figures.put("durationMs", report.durationMs());
        figures.put("billedDurationMs", report.billedDurationMs());
        figures.put("memorySizeMb", report.memorySizeMb());
        if (report.initDurationMs() != null) {
            figures.put("initDurationMs", report.initDurationMs());
        }
        figures.put("instanceId", report.instanceId());
        if (report.cpuMs() != null) {
            figures.put("cpuMs", report.cpuMs());
        }
        node.put("attempt", result.attempt());
        return node;
    }

    /** The result as the worker sent it; {@code style} is the deployment's, known on this side already. */
    static InvocationResult result(JsonNode node, HandlerStyle style) {
        Outcome outcome = node.has("failure") ? new Outcome.Failure(error(node.get("failure")))
                : new Outcome.Success(node.get("success").isNull() ? null : node.get("success").asText());
        List<LogLine> logs = new ArrayList<>();
        node.get("logs").forEach(line -> logs.add(new LogLine(line.get("at").asLong(), text(line.get("requestId")),
                LogLevel.valueOf(line.get("level").asText()), line.get("message").asText())));
        JsonNode figures = node.get("report");
        Report report = new Report(text(figures.get("requestId")), figures.get("durationMs").asDouble(),
                figures.get("billedDurationMs").asLong(), figures.get("memorySizeMb").asInt(),
                figures.has("initDurationMs") ? figures.get("initDurationMs").asDouble() : null,
                text(figures.get("instanceId")), figures.has("cpuMs") ? figures.get("cpuMs").asDouble() : null);
        return new InvocationResult(node.get("requestId").asText(), outcome, logs, report, node.get("attempt").asInt(),
                style);
    }

    static ObjectNode error(FunctionError error) {
        ObjectNode node = JSON.createObjectNode();
        node.put("kind", error.kind().name());
        node.put("errorType", error.errorType());
        node.put("errorMessage", error.errorMessage());
        if (error.location() != null) {
            node.putObject("location").put("file", error.location().file()).put("line", error.location().line())
                    .put("column", error.location().column());
        }
        ArrayNode trace = node.putArray("trace");
        error.trace().forEach(trace::add);
        node.put("hint", error.hint());
        return node;
    }

    static FunctionError error(JsonNode node) {
        JsonNode at = node.get("location");
        SourceLocation location = at == null ? null
                : new SourceLocation(at.get("file").asText(), at.get("line").asInt(), at.get("column").asInt());
        List<String> trace = new ArrayList<>();
        node.get("trace").forEach(frame -> trace.add(frame.asText()));
        return new FunctionError(ErrorKind.valueOf(node.get("kind").asText()), node.get("errorType").asText(),
                node.get("errorMessage").asText(), location, trace, node.get("hint").asText());
    }

    // ---- an SDK call's reply ----

    static ObjectNode reply(SdkBridge.Reply reply) {
        ObjectNode node = JSON.createObjectNode();
        node.put("json", reply.json());
        node.put("service", reply.service());
        node.put("operation", reply.operation());
        node.put("resource", reply.resource());
        node.put("errorCode", reply.errorCode());
        return node;
    }

    static SdkBridge.Reply reply(JsonNode node) {
        return new SdkBridge.Reply(text(node.get("json")), text(node.get("service")), text(node.get("operation")),
                text(node.get("resource")), text(node.get("errorCode")));
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
