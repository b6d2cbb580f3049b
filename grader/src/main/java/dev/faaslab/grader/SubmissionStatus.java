package dev.faaslab.grader;

import java.util.List;

/**
 * How a whole submission ended, for a gradebook row: a hostile or broken submission gets a status of its own
 * instead of a bare 0, so a teacher can tell "wrong" from "never ran".
 */
public enum SubmissionStatus {
    PASS("pass"),
    FAIL("fail"),
    SYNTAX_ERROR("syntax-error"),
    /** At least one check ran past the time limit (an endless loop, usually). */
    TIMEOUT("timeout"),
    /** At least one check held more memory than the exercise's memory size. */
    MEMORY_LIMIT("memory-limit"),
    /** The submission could not be graded: unreadable, not a function, or the grader failed on it. */
    ERROR("error");

    private final String label;

    SubmissionStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The status of a submission whose checks ended so: the worst thing that happened wins. */
    static SubmissionStatus of(List<CheckStatus> checks) {
        if (checks.contains(CheckStatus.SYNTAX_ERROR)) {
            return SYNTAX_ERROR;
        }
        // Before time-outs: an allocation bomb may also run out of time on a loaded machine; a loop never runs out of memory.
        if (checks.contains(CheckStatus.MEMORY_LIMIT)) {
            return MEMORY_LIMIT;
        }
        if (checks.contains(CheckStatus.TIMEOUT)) {
            return TIMEOUT;
        }
        return checks.stream().allMatch(status -> status == CheckStatus.PASS) ? PASS : FAIL;
    }
}
