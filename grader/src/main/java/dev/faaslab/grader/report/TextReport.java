package dev.faaslab.grader.report;

import dev.faaslab.grader.CheckResult;
import dev.faaslab.grader.CheckStatus;
import dev.faaslab.grader.CodeComment;
import dev.faaslab.grader.Grade;
import java.io.PrintWriter;
import java.util.Locale;

/** The grade as a person reads it in a terminal: every check shown to a learner, with what to try for each failure. */
public final class TextReport {

    private TextReport() {
    }

    public static void write(Grade grade, PrintWriter out) {
        out.printf(Locale.ROOT, "%s (%s): %d/%d points, %s%n", grade.exercise().id(), grade.language().runtimeName(),
                grade.score(), grade.maxScore(), grade.status().label());
        if (!grade.message().isEmpty()) {
            out.println("  " + grade.message().replace("\n", "\n  "));
        }
        for (CheckResult result : grade.shown()) {
            boolean passed = result.verdict().passed();
            out.printf(Locale.ROOT, "  %-5s %s%s (%d/%d)%n", passed ? "PASS" : "FAIL",
                    result.check().hidden() ? "(hidden) " : "", result.check().name(), result.points(),
                    result.check().points());
            if (passed) {
                continue;
            }
            if (!result.check().hidden() && !grade.message().equals(result.verdict().actual())) {
                out.println("        expected: " + result.verdict().expected());
                out.println("        got:      " + indent(result.verdict().actual()));
            }
            if (!result.check().hidden() && result.status() != CheckStatus.FAIL) {
                out.println("        status:   " + result.status().label());
            }
            if (!result.check().hint().isEmpty()) {
                out.println("        hint:     " + result.check().hint());
            }
            String lessonUrl = result.check().lessonUrl(grade.exercise().lesson());
            if (lessonUrl != null) {
                out.println("        lesson:   " + lessonUrl);
            }
        }
        if (!grade.comments().isEmpty()) {
            out.println("  How it is written (no points):");
            for (CodeComment comment : grade.comments()) {
                out.println("    " + comment.type() + ": " + comment.text());
            }
        }
    }

    private static String indent(String text) {
        return text.replace("\n", "\n                  ");
    }
}
