package dev.faaslab.grader.report;

import dev.faaslab.grader.CheckResult;
import dev.faaslab.grader.CheckStatus;
import dev.faaslab.grader.Grade;

/** The one-paragraph message of a failed check, as the machine-read formats carry it. */
final class Messages {

    private Messages() {
    }

    /**
     * What went wrong and what to try; for a hidden check only its hint. Empty for a pass. A time-out says
     * that it timed out, as Exercism asks.
     */
    static String of(Grade grade, CheckResult result) {
        if (result.verdict().passed()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        if (!result.check().hidden()) {
            if (result.status() == CheckStatus.TIMEOUT) {
                text.append("Timed out: the function ran past its timeout of ")
                        .append(grade.exercise().limits().timeoutSeconds()).append(" s. ");
            }
            text.append("Expected ").append(result.verdict().expected()).append("; got ")
                    .append(result.verdict().actual()).append(". ");
        }
        if (!result.check().hint().isEmpty()) {
            text.append("Hint: ").append(result.check().hint()).append(' ');
        }
        String lessonUrl = result.check().lessonUrl(grade.exercise().lesson());
        if (lessonUrl != null) {
            text.append("See ").append(lessonUrl);
        }
        return text.toString().strip();
    }

    /** Exercism's and GitHub Classroom's three statuses. */
    static String threeWay(CheckStatus status) {
        return switch (status) {
            case PASS -> "pass";
            case FAIL -> "fail";
            default -> "error";
        };
    }
}
