package dev.faaslab.grader;

import dev.faaslab.runtime.Language;

/**
 * A probe that reads the source's structure, from the outline the language's own parser made of each file it
 * looks at (the handler's, or the files it names).
 */
sealed interface SourceProbe extends Probe permits BuiltInInit, ProviderFree, ShortFiles {

    Verdict judge(Sources sources, Language language);
}
