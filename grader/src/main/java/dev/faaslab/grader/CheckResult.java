package dev.faaslab.grader;

/**
 * One check's verdict and what it earned.
 *
 * @param check      the check
 * @param verdict    what it found
 * @param durationMs how long the check took, wall time (for reports that show it; never graded)
 */
public record CheckResult(Check check, Verdict verdict, long durationMs) {

    public int points() {
        return verdict.passed() ? check.points() : 0;
    }

    public CheckStatus status() {
        return verdict.status();
    }
}
