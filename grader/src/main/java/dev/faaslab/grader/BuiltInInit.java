package dev.faaslab.grader;

import dev.faaslab.runtime.Language;
import java.util.List;
import java.util.Map;

/**
 * Something expensive ({@code what}: "the table of primes") is built in the Init phase and never in the handler:
 * the calls that build it ({@code calls}, by language: {@code split} in JavaScript, {@code splitlines} in Python) are
 * made by the module's top level or a function it calls, and by nothing the handler runs, directly or through the
 * module's functions it calls. Read from the source's outline, since how often a table is rebuilt from data
 * already in memory is not something the platform counts (reading the data is: that is {@link InitOnce}).
 */
record BuiltInInit(String what, Map<Language, List<String>> calls) implements SourceProbe {

    BuiltInInit {
        if (what == null || what.isBlank()) {
            throw new IllegalArgumentException("builtInInit needs \"what\": the thing built, as a learner calls it "
                    + "(\"the table of primes\")");
        }
        if (calls.isEmpty() || calls.values().stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException("builtInInit needs \"calls\": for each language, the calls that build "
                    + "it, as {\"nodejs\": [\"split\"], \"python\": [\"splitlines\"]}");
        }
        calls = Map.copyOf(calls);
    }

    @Override
    public Verdict judge(Sources sources, Language language) {
        SourceAnalysis analysis = sources.entry();
        if (analysis instanceof SourceAnalysis.Unread(String reason)) {
            return new Verdict(CheckStatus.ERROR, expected(), "the source could not be analysed: " + reason, "");
        }
        SourceOutline outline = ((SourceAnalysis.Read) analysis).outline();
        List<String> names = calls.get(language);
        if (names == null) {
            throw new IllegalArgumentException("builtInInit names no calls for " + language.runtimeName());
        }
        if (!outline.handler().found()) {
            return Verdict.fail(expected(), "no function named '" + outline.handler().owner() + "' is declared in the "
                    + "module, so what the handler runs could not be followed (declare it as a function: "
                    + (language == Language.NODEJS ? "export const handler = async (event) => { … }"
                    : "def lambda_handler(event, context): …") + ")", "");
        }
        List<SourceOutline.Placed<SourceOutline.Call>> inHandler = outline.handlerCalls().stream()
                .filter(placed -> names.contains(placed.what().name())).toList();
        if (!inHandler.isEmpty()) {
            SourceOutline.Placed<SourceOutline.Call> first = inHandler.getFirst();
            return Verdict.fail(expected(), "line " + first.what().line() + ": " + first.what().name() + "(…) builds "
                    + what + " in the handler" + (first.owner().equals(outline.handler().owner()) ? ""
                    : " (in " + first.owner() + ", which the handler calls)") + ", so every request builds it again", "");
        }
        List<SourceOutline.Placed<SourceOutline.Call>> inInit = outline.initCalls().stream()
                .filter(placed -> names.contains(placed.what().name())).toList();
        if (inInit.isEmpty()) {
            return Verdict.fail(expected(), "nothing in Init builds " + what + ": no " + String.join(" or ", names)
                    + "(…) at the module's top level or in a function it calls", "");
        }
        SourceOutline.Placed<SourceOutline.Call> built = inInit.getFirst();
        return Verdict.pass(expected(), "line " + built.what().line() + ": " + built.what().name() + "(…) builds "
                + what + " in Init" + (built.owner().equals(SourceOutline.MODULE) ? ", at the top level"
                : " (in " + built.owner() + ", which the top level calls)") + ", and the handler only reads it", "");
    }

    @Override
    public String expected() {
        return what + " built in Init (at the module's top level, or in a function it calls) and never in the handler";
    }

    @Override
    public String kind() {
        return "builtInInit";
    }
}
