package dev.faaslab.grader.batch;

import dev.faaslab.grader.Check;
import dev.faaslab.grader.CheckResult;
import dev.faaslab.grader.Exercise;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * The batch's CSV (RFC 4180: comma-separated, CRLF line ends, a field quoted when it holds a comma, a quote or
 * a line break, quotes doubled): a header, then one row per learner with the submission's status, score,
 * maximum, and each check's status in the exercise's order, hidden checks included (a teacher sees them all).
 */
public final class Gradebook {

    private Gradebook() {
    }

    public static void write(Exercise exercise, List<BatchGrader.Row> rows, Writer out) throws IOException {
        List<String> header = new ArrayList<>(List.of("learner", "language", "status", "score", "max_score"));
        exercise.checks().stream().map(Check::name).forEach(header::add);
        header.add("message");
        line(out, header);
        for (BatchGrader.Row row : rows) {
            List<String> fields = new ArrayList<>(List.of(row.learner(),
                    row.grade().language() == null ? "" : row.grade().language().runtimeName(),
                    row.grade().status().label(), Integer.toString(row.grade().score()),
                    Integer.toString(row.grade().maxScore())));
            row.grade().results().stream().map(CheckResult::status).map(s -> s.label()).forEach(fields::add);
            fields.add(row.grade().message());
            line(out, fields);
        }
        out.flush();
    }

    private static void line(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quoted(fields.get(i)));
        }
        out.write("\r\n");
    }

    static String quoted(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
