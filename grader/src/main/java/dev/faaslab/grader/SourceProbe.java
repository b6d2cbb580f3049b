package dev.faaslab.grader;

import dev.faaslab.runtime.Language;

/** A probe that reads the source's structure, from the outline the language's own parser made of it. */
sealed interface SourceProbe extends Probe permits BuiltInInit {

    Verdict judge(SourceAnalysis analysis, Language language);
}
