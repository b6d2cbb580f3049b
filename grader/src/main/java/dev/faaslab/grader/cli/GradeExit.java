package dev.faaslab.grader.cli;

/** The grade command's exit codes, so that CI and scripts can tell a failed check from a broken command. */
final class GradeExit {

    static final int PASS = 0;
    static final int FAIL = 1;
    static final int USAGE = 2;
    static final int UNREADABLE = 3;
    static final int INTERNAL = 70;

    /** The table shown in {@code --help} and the README. */
    static final String TABLE = """
            Exit codes:
              0  every check passed (a batch: every submission was graded and the gradebook written;
                 --format exercism: results.json was written, whatever the checks said, as Exercism's runners do)
              1  some check failed (or the code did not parse, timed out, or ran out of memory)
              2  bad usage: unknown option, missing argument, unknown format
              3  unreadable input: no such exercise or file, a manifest with mistakes, a batch folder that cannot be read
             70  FaaS Lab itself failed (please report it)""";

    private GradeExit() {
    }
}
