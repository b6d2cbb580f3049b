package dev.faaslab.grader;

/** What the analyzer made of a submission's source: its outline, or why it could not read it. */
sealed interface SourceAnalysis {

    /** The source read: its outline. */
    record Read(SourceOutline outline) implements SourceAnalysis {
    }

    /** The source not read: the parser failed on it, or ran past its limits ({@code reason} says which). */
    record Unread(String reason) implements SourceAnalysis {
    }
}
