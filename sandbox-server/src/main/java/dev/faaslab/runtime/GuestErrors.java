package dev.faaslab.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

/** Turns what went wrong in a guest into a {@link FunctionError} a learner can act on. */
final class GuestErrors {

    private static final ObjectMapper JSON = dev.faaslab.core.Json.MAPPER;

    private GuestErrors() {
    }

    /** Reads the error the bootstraps report: {@code {kind, errorType, errorMessage, trace|stackTrace, location, hint}}. */
    static FunctionError parse(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            List<String> trace = new ArrayList<>();
            JsonNode frames = node.has("trace") ? node.get("trace") : node.path("stackTrace");
            frames.forEach(frame -> trace.add(frame.asText()));
            JsonNode at = node.path("location");
            SourceLocation location = at.isObject()
                    ? new SourceLocation(at.path("file").asText(), at.path("line").asInt(), at.path("column").asInt())
                    : null;
            ErrorKind kind = ErrorKind.valueOf(node.path("kind").asText("FUNCTION"));
            return new FunctionError(kind, node.path("errorType").asText("Error"),
                    node.path("errorMessage").asText(""), location, trace, node.path("hint").asText(""));
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new IllegalStateException("the runtime reported an error it could not read: " + json, e);
        }
    }

    /** A syntax error, with the location the parser gives. */
    static FunctionError syntax(PolyglotException e, FunctionConfig config) {
        SourceSection at = e.getSourceLocation();
        SourceLocation location = at == null ? null
                : new SourceLocation(fileOf(at, config), at.getStartLine(), at.getStartColumn());
        // GraalJS puts "file:line:column " (a 0-based column) before the text; the location says it better.
        String message = firstLine(e.getMessage()).replaceFirst("^SyntaxError: ", "")
                .replaceFirst("^\\S+:\\d+:\\d+ ", "");
        return new FunctionError(ErrorKind.SYNTAX, "Runtime.UserCodeSyntaxError", message, location,
                List.of(e.getMessage()), "Fix the code at that line; the function cannot start until it parses.");
    }

    /** The file a section is in, as the package names it: the handler's, or another module of a package's. */
    private static String fileOf(SourceSection at, FunctionConfig config) {
        String name = at.getSource() == null ? null : at.getSource().getName();
        if (config.codePackage() == null || name == null) {
            return config.fileName();
        }
        String path = name.startsWith(PackageModules.TASK) ? name.substring(PackageModules.TASK.length())
                : name.startsWith("./") ? name.substring(2) : name;
        return config.codePackage().file(path).isPresent() ? path : config.fileName();
    }

    /** Anything else a guest threw past the bootstrap (stack overflow in the runtime itself, host errors). */
    static FunctionError fromPolyglot(PolyglotException e, FunctionConfig config, ErrorKind kind) {
        if (e.isSyntaxError()) {
            return syntax(e, config);
        }
        if (e.isExit()) {
            // Python's os._exit ends the guest's context, the runtime itself, as it ends Lambda's runtime process.
            return new FunctionError(kind, "Runtime.ExitError", "Runtime exited with error: exit status " + e.getExitStatus(),
                    locate(e, config), trace(e), "os._exit ends the runtime, as on Lambda: the instance was discarded "
                    + "and the next request starts a new one. Return a value (or raise an exception) instead.");
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        String type = "Runtime.Unknown";
        int colon = message.indexOf(": ");
        if (e.isGuestException() && colon > 0 && message.substring(0, colon).matches("[A-Za-z_.]+")) {
            type = message.substring(0, colon);
            message = message.substring(colon + 2);
        }
        String hint = "";
        if (message.startsWith("Operation is not allowed for:")) {
            type = "Runtime.ImportModuleError";
            String module = message.substring(message.indexOf(':') + 1).trim();
            String named = module.startsWith("/var/task/") ? module.substring("/var/task/".length()) : module;
            java.util.Optional<String> refusal = NodeLibrary.refusal(named);
            message = refusal.orElse("Cannot import '" + module + "': FaaS Lab functions run in a sandbox with no file"
                    + " system: a function imports Node's core modules, the faaslab module, and nothing else.");
            hint = refusal.isPresent() ? "Remove the import of '" + named + "'."
                    : "Remove the import; keep data in the event, the response or variables.";
        }
        return new FunctionError(kind, type, message, locate(e, config), trace(e), hint);
    }

    /** A limit the watchdog enforced, in Lambda's words, with where the code was when it was stopped. */
    static FunctionError limit(Limit limit, PolyglotException stopped, FunctionConfig config, Duration allowed, boolean init) {
        SourceLocation where = stopped == null ? null : locate(stopped, config);
        String place = stopped == null ? null : place(stopped, config);
        List<String> trace = stopped == null ? List.of() : trace(stopped);
        String phase = init ? "The module's top-level code" : "The handler";
        if (limit == Limit.TIMEOUT) {
            String seconds = String.format(Locale.ROOT, "%.2f", allowed.toMillis() / 1000.0);
            String hint = place != null
                    ? phase + " was still running " + place + " when time ran out: look for a loop that never ends there, or raise the timeout."
                    : phase + " was waiting (on a timer or a promise that never settled) when time ran out: make sure it finishes sooner, or raise the timeout.";
            return new FunctionError(ErrorKind.TIMEOUT, "Sandbox.Timedout",
                    "Task timed out after " + seconds + " seconds", where, trace, hint);
        }
        if (limit == Limit.SERVER_MEMORY) {
            return new FunctionError(ErrorKind.MEMORY, "Runtime.OutOfMemory",
                    "The server ran short of memory while " + (init ? "the module started" : "the invocation ran")
                            + ", and stopped it: of the code running, it had grown the heap the most. The instance was discarded.",
                    where, trace,
                    "This is the whole server's memory, shared with other functions, not your function's memory size:"
                            + " try again, and keep less in memory between invocations.");
        }
        String size = init ? "the memory allowed for start-up" : "its memory size (" + config.memoryMb() + " MB)";
        return new FunctionError(ErrorKind.MEMORY, "Runtime.OutOfMemory",
                "Memory limit exceeded: the " + (init ? "start-up" : "invocation") + " held more than " + size
                        + " and was stopped; the instance was discarded.",
                where, trace,
                "Process data in smaller pieces, don't keep growing a global list or string, or raise the memory size.");
    }

    private static SourceLocation locate(PolyglotException e, FunctionConfig config) {
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            SourceSection at = frame.getSourceLocation();
            if (frame.isGuestFrame() && at != null && config.fileName().equals(at.getSource().getName())) {
                return new SourceLocation(config.fileName(), at.getStartLine(), at.getStartColumn());
            }
        }
        return null;
    }

    /**
     * Where a stopped guest was, in words: a stop lands on a loop's safepoint, and Truffle then reports
     * the enclosing function's whole span, so name the function and its lines.
     */
    private static String place(PolyglotException e, FunctionConfig config) {
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            SourceSection at = frame.getSourceLocation();
            if (frame.isGuestFrame() && at != null && config.fileName().equals(at.getSource().getName())) {
                String function = frame.getRootName() == null || frame.getRootName().isEmpty()
                        || frame.getRootName().startsWith(":") ? "top-level code" : frame.getRootName() + "()";
                return at.getStartLine() == at.getEndLine()
                        ? "in " + function + " at " + config.fileName() + ":" + at.getStartLine() + ":" + at.getStartColumn()
                        : "in " + function + ", " + config.fileName() + " lines " + at.getStartLine() + "-" + at.getEndLine();
            }
        }
        return null;
    }

    private static List<String> trace(PolyglotException e) {
        List<String> frames = new ArrayList<>();
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            if (frame.isGuestFrame() && frame.getSourceLocation() != null
                    && !frame.getSourceLocation().getSource().isInternal()) {
                frames.add("    at " + frame);
                if (frames.size() == 20) {
                    break;
                }
            }
        }
        return frames;
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
