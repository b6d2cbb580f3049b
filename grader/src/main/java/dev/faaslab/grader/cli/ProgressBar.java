package dev.faaslab.grader.cli;

import dev.faaslab.grader.batch.BatchGrader;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A batch's progress on stderr: a bar redrawn in place on a terminal, else one line per learner (a CI log keeps
 * every line, so a bar would be noise there).
 */
final class ProgressBar implements BatchGrader.Progress {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean terminal;

    ProgressBar(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public synchronized void graded(BatchGrader.Row row, int done, int total) {
        if (terminal) {
            int filled = total == 0 ? WIDTH : done * WIDTH / total;
            err.printf(Locale.ROOT, "\r[%s%s] %d/%d graded (last: %s, %s)\u001B[K", "#".repeat(filled),
                    " ".repeat(WIDTH - filled), done, total, row.learner(), row.grade().status().label());
            if (done == total) {
                err.println();
            }
        } else {
            err.printf(Locale.ROOT, "graded %d/%d: %s %s %d/%d%n", done, total, row.learner(),
                    row.grade().status().label(), row.grade().score(), row.grade().maxScore());
        }
        err.flush();
    }
}
