package dev.faaslab.grader;

import dev.faaslab.runtime.Language;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A submission's files and what the analyzer made of each, read once, when a check or the comments first ask: one
 * file for most exercises, several for one whose code is a package (a core and its adapters).
 */
final class Sources {

    private static final Logger LOG = LoggerFactory.getLogger(Sources.class);

    private final SourceAnalyzer analyzer;
    private final Language language;
    private final String handler;
    private final String entry;
    private final Map<String, String> files;
    private final Map<String, SourceAnalysis> read = new HashMap<>();

    /**
     * @param handler the language's handler ({@code index.handler}); its function is what each file's outline looks for
     * @param entry   the file the handler is in
     * @param files   every file, by name, the entry among them
     */
    Sources(SourceAnalyzer analyzer, Language language, String handler, String entry, Map<String, String> files) {
        this.analyzer = analyzer;
        this.language = language;
        this.handler = handler;
        this.entry = entry;
        this.files = Map.copyOf(files);
    }

    /** The handler's file, read. */
    SourceAnalysis entry() {
        return of(entry);
    }

    /** {@code file}, read; a file the submission does not have is unread, saying so. */
    SourceAnalysis of(String file) {
        return read.computeIfAbsent(file, name -> {
            String text = files.get(name);
            if (text == null) {
                return new SourceAnalysis.Unread("the submission has no file " + name + " (its files: "
                        + String.join(", ", files.keySet().stream().sorted().toList()) + ")");
            }
            try {
                return analyzer.analyze(language, handler, text);
            } catch (RuntimeException e) {
                // The analyzer itself could not run: the grade stands without what it would have read.
                LOG.warn("the source of a submission could not be analysed", e);
                return new SourceAnalysis.Unread(e.getMessage());
            }
        });
    }
}
