package dev.faaslab.grader.cli;

/** {@code ./faaslab grade …}: the launcher runs this class with the grader on the class path. */
public final class GradeMain {

    private GradeMain() {
    }

    public static void main(String[] args) {
        System.exit(GradeCommand.commandLine().execute(args));
    }
}
