package dev.faaslab.grader.cli;

/** The report formats of {@code grade --format}. */
enum Format {
    text, exercism, classroom, junit
}
