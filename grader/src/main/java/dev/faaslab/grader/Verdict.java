package dev.faaslab.grader;

/**
 * What one check found.
 *
 * @param status   how it ended
 * @param expected what was expected, in words a learner reads
 * @param actual   what happened
 * @param output   what the learner's function logged while the check ran (may be empty)
 */
public record Verdict(CheckStatus status, String expected, String actual, String output) {

    public boolean passed() {
        return status == CheckStatus.PASS;
    }

    static Verdict pass(String expected, String actual, String output) {
        return new Verdict(CheckStatus.PASS, expected, actual, output);
    }

    static Verdict fail(String expected, String actual, String output) {
        return new Verdict(CheckStatus.FAIL, expected, actual, output);
    }
}
