package dev.faaslab.grader.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.core.Json;
import dev.faaslab.grader.CheckResult;
import dev.faaslab.grader.Grade;
import dev.faaslab.grader.SubmissionStatus;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * GitHub Classroom's autograding result: base64 of {@code {"version":1,"status":"pass|fail|error","max_score":N,
 * "tests":[{"name","status","score","message","line_no","execution_time"}]}}, which its reporter sums into
 * "Points X/Y". Every check is listed, hidden ones too (so that the scores add up), a hidden one's message being
 * only its hint.
 */
public final class ClassroomReport {

    private static final ObjectMapper JSON = Json.MAPPER;

    private ClassroomReport() {
    }

    public static ObjectNode of(Grade grade) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        boolean error = grade.status() == SubmissionStatus.SYNTAX_ERROR || grade.status() == SubmissionStatus.ERROR;
        root.put("status", error ? "error" : grade.passed() ? "pass" : "fail");
        root.put("max_score", grade.maxScore());
        ArrayNode tests = root.putArray("tests");
        for (CheckResult result : grade.results()) {
            ObjectNode test = tests.addObject();
            test.put("name", result.check().name());
            test.put("status", Messages.threeWay(result.status()));
            test.put("score", result.points());
            test.put("message", Messages.of(grade, result));
            test.put("line_no", 0); // a check is not a line of a test file
            test.put("execution_time", String.format(Locale.ROOT, "%.2fs", result.durationMs() / 1000.0));
        }
        return root;
    }

    /** What the grader step outputs as {@code result}. */
    public static String base64(Grade grade) {
        return Base64.getEncoder().encodeToString(of(grade).toString().getBytes(StandardCharsets.UTF_8));
    }
}
