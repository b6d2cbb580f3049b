package dev.faaslab.grader;

import dev.faaslab.runtime.Language;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Comments on how a submission is written, from its outline, whatever the exercise: where the handler makes what
 * Init could make once, where it keeps state in an instance's memory, where the Init phase already does the
 * setup. Lambda's own advice is the measure ("initialize SDK clients outside of the function handler"; "do not
 * store state in the execution environment that later requests rely on").
 */
final class CodeReview {

    /** What the {@code faaslab} module makes: handles on a service, as an SDK client is on Lambda. */
    private static final Set<String> CLIENTS = Set.of("table", "bucket", "queue");
    private static final String MODULE = "faaslab";
    /** Exercism's kinds of comment, the most pressing first. */
    static final List<String> TYPES = List.of("essential", "actionable", "informative", "celebratory");

    private CodeReview() {
    }

    static List<CodeComment> of(SourceAnalysis analysis, Language language) {
        if (!(analysis instanceof SourceAnalysis.Read(SourceOutline outline))) {
            return List.of();
        }
        List<CodeComment> comments = new ArrayList<>();
        if (outline.handler().found()) {
            clientsPerRequest(outline, language, comments);
            stateInMemory(outline, comments);
        }
        setupInInit(outline, comments);
        if (language == Language.NODEJS && !outline.varLines().isEmpty()) {
            int line = outline.varLines().getFirst();
            comments.add(new CodeComment("faaslab.javascript.prefer_const", "informative", Map.of("line",
                    Integer.toString(line)), "Line " + line + ": `var` declares a variable for the whole function and "
                    + "lets it change anywhere. `const` says the name keeps its value (and `let` that it changes), "
                    + "which is what a reader wants to know."));
        }
        // The most pressing first, as Exercism's analyzers order them; then by line.
        comments.sort(Comparator.comparingInt((CodeComment comment) -> TYPES.indexOf(comment.type()))
                .thenComparingInt(CodeComment::line));
        return List.copyOf(comments);
    }

    private static void clientsPerRequest(SourceOutline outline, Language language, List<CodeComment> comments) {
        Map<String, SourceOutline.Call> first = new LinkedHashMap<>();
        for (SourceOutline.Placed<SourceOutline.Call> placed : outline.handlerCalls()) {
            String name = placed.what().name();
            if (isClient(outline, placed.what())) {
                first.putIfAbsent(name, placed.what());
            }
        }
        first.forEach((name, call) -> comments.add(new CodeComment("faaslab.init.client_per_request", "informative",
                Map.of("name", name, "line", Integer.toString(call.line())),
                "Line " + call.line() + ": `" + name + "(…)` makes a new handle on every request. On Lambda an SDK "
                        + "client made once, in Init, is reused by every warm invocation with its connections: "
                        + (language == Language.NODEJS ? "`const orders = " + name + "('orders');`"
                        : "`ORDERS = " + name + "('orders')`") + " at the top of the module, and the handler uses it.")));
    }

    private static void stateInMemory(SourceOutline outline, List<CodeComment> comments) {
        List<SourceOutline.Placed<SourceOutline.Write>> writes = outline.handlerWrites();
        if (writes.isEmpty()) {
            return;
        }
        SourceOutline.Write write = writes.getFirst().what();
        comments.add(new CodeComment("faaslab.state.module_state", "actionable",
                Map.of("name", write.name(), "line", Integer.toString(write.line())),
                "Line " + write.line() + ": the handler changes `" + write.name() + "`, which the module keeps. It lives "
                        + "in this instance's memory only: another instance does not see it, and it is gone when the "
                        + "platform replaces this one. That is fine for a cache; anything a later request must rely on "
                        + "(an order counted, a user's session) belongs in a table."));
    }

    private static void setupInInit(SourceOutline outline, List<CodeComment> comments) {
        List<SourceOutline.Placed<SourceOutline.Call>> init = outline.initCalls().stream()
                .filter(placed -> isClient(outline, placed.what())).toList();
        boolean handlerToo = outline.handlerCalls().stream().anyMatch(placed -> isClient(outline, placed.what()));
        if (!init.isEmpty() && !handlerToo) {
            SourceOutline.Call call = init.getFirst().what();
            comments.add(new CodeComment("faaslab.init.setup_in_init", "celebratory",
                    Map.of("name", call.name(), "line", Integer.toString(call.line())),
                    "Line " + call.line() + ": the setup runs in Init, once per instance, and every warm invocation "
                            + "reuses what it made. That is where Lambda's guidance puts it."));
        }
    }

    /** A call of the {@code faaslab} module's {@code table}, {@code bucket} or {@code queue}. */
    private static boolean isClient(SourceOutline outline, SourceOutline.Call call) {
        SourceOutline.Import from = outline.imports().get(call.name());
        return from != null && MODULE.equals(from.module()) && CLIENTS.contains(from.name());
    }
}
