package dev.faaslab.grader;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a submission's source says about its structure, as the analyzer read it with the language's own parser
 * (Acorn, Python's {@code ast}): the functions of the module, the calls and the changes to module-level names each
 * makes, and which function is the handler. Calls are filed under the module-level function they are written in;
 * {@link #MODULE} ({@code ""}) is the module's own top level, the code the Init phase runs.
 *
 * @param handler   the function the handler names, found or not
 * @param functions the module-level functions, by name
 * @param imports   each imported name, with the module and the name it comes from
 * @param calls     the calls each function makes ({@link #MODULE} for the top level)
 * @param writes    the module-level names each function assigns or changes in place
 * @param varLines  where {@code var} declares a variable (JavaScript)
 * @param config    the module's exported {@code config} (JavaScript) or module-level {@code config} (Python), read
 *                  as a literal, never run; null when it has none
 * @param modules   every module the source loads, wherever it does (an import, {@code require}, a dynamic import,
 *                  {@code __import__}), by line; a name that is computed rather than written is {@code ""}
 * @param names     every name the source uses (identifiers, properties, attributes, and strings that could be one,
 *                  as in {@code event['requestContext']}), with the first line it is on
 * @param codeLines how many lines hold code: not blank, not only a comment (nor, in Python, a docstring)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record SourceOutline(Handler handler, List<String> functions, Map<String, Import> imports,
                     Map<String, List<Call>> calls, Map<String, List<Write>> writes, List<Integer> varLines,
                     Config config, List<ModuleUse> modules, Map<String, Integer> names, int codeLines) {

    /** The owner of the module's top-level code: what runs in the Init phase. */
    static final String MODULE = "";

    SourceOutline {
        functions = functions == null ? List.of() : List.copyOf(functions);
        imports = imports == null ? Map.of() : Map.copyOf(imports);
        calls = calls == null ? Map.of() : Map.copyOf(calls);
        writes = writes == null ? Map.of() : Map.copyOf(writes);
        varLines = varLines == null ? List.of() : List.copyOf(varLines);
        modules = modules == null ? List.of() : List.copyOf(modules);
        names = names == null ? Map.of() : Map.copyOf(names);
    }

    /** A module the source loads, at a line. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ModuleUse(String module, int line) {
    }

    /** @param owner the module-level function the handler is (its name in the module, which may differ from the export's) */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Handler(boolean found, String owner, int line, boolean async, int parameters) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Import(String module, String name) {
    }

    /**
     * The settings a submission writes beside its code.
     *
     * @param line    where it is declared, or where it stops being a literal
     * @param value   the literal, as JSON; null when it is not one
     * @param problem why it could not be read as a literal, or null
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Config(int line, JsonNode value, String problem) {
    }

    /** @param name the name the call is known by: {@code split} for {@code body.split(…)}, {@code Set} for {@code new Set(…)} */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Call(String name, int line, @JsonProperty("new") boolean constructs) implements Located {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Write(String name, int line) implements Located {
    }

    /** Something at a line of the source. */
    interface Located {
        int line();
    }

    /** A call or a write, with the module-level function it is written in. */
    record Placed<T extends Located>(T what, String owner) {
    }

    /** What the handler runs on each request: the calls in it and in the module's functions it calls, by line. */
    List<Placed<Call>> handlerCalls() {
        return handler.found() ? placed(calls, reach(handler.owner())) : List.of();
    }

    /** What the Init phase runs: the calls at the top level and in the module's functions it calls, by line. */
    List<Placed<Call>> initCalls() {
        return placed(calls, reach(MODULE));
    }

    /** The module-level names the handler changes, directly or through the module's functions it calls. */
    List<Placed<Write>> handlerWrites() {
        return handler.found() ? placed(writes, reach(handler.owner())) : List.of();
    }

    /** {@code owner} and every module-level function it calls, directly or through others. */
    Set<String> reach(String owner) {
        Set<String> reached = new LinkedHashSet<>();
        Deque<String> next = new ArrayDeque<>(List.of(owner));
        while (!next.isEmpty()) {
            String function = next.pop();
            if (reached.add(function)) {
                for (Call call : calls.getOrDefault(function, List.of())) {
                    if (functions.contains(call.name()) && !reached.contains(call.name())) {
                        next.push(call.name());
                    }
                }
            }
        }
        return reached;
    }

    private static <T extends Located> List<Placed<T>> placed(Map<String, List<T>> byOwner, Set<String> owners) {
        List<Placed<T>> placed = new ArrayList<>();
        for (String owner : owners) {
            byOwner.getOrDefault(owner, List.of()).forEach(item -> placed.add(new Placed<>(item, owner)));
        }
        placed.sort(Comparator.comparingInt(p -> p.what().line()));
        return placed;
    }
}
