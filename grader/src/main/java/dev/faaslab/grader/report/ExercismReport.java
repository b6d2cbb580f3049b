package dev.faaslab.grader.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.core.Json;
import dev.faaslab.grader.Check;
import dev.faaslab.grader.CheckResult;
import dev.faaslab.grader.CodeComment;
import dev.faaslab.grader.Grade;
import dev.faaslab.grader.SubmissionStatus;

/**
 * Exercism's test-runner {@code results.json}, version 3: {@code version}, {@code status} (pass, fail, error),
 * {@code message} when the status is error, and {@code tests} in the exercise's order, each with {@code name},
 * {@code status}, {@code message} (failures), {@code output} (what the function logged, at most 500 characters)
 * and {@code test_code}. Hidden checks appear only when they fail. Then {@code comments}: the analyzer's remarks on
 * how the code is written, each as Exercism's analyzers give them ({@code comment}, {@code params}, {@code type}),
 * with its {@code text}.
 */
public final class ExercismReport {

    /** Exercism shows at most this much of a test's output. */
    public static final int MAX_OUTPUT_CHARS = 500;

    private static final ObjectMapper JSON = Json.MAPPER;

    private ExercismReport() {
    }

    public static ObjectNode of(Grade grade) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 3);
        // Code that does not parse or could not be graded is the runner's "error"; a failed check is "fail".
        boolean error = grade.status() == SubmissionStatus.SYNTAX_ERROR || grade.status() == SubmissionStatus.ERROR;
        root.put("status", error ? "error" : grade.passed() ? "pass" : "fail");
        if (error) {
            root.put("message", grade.message());
        }
        ArrayNode tests = root.putArray("tests");
        for (CheckResult result : grade.shown()) {
            ObjectNode test = tests.addObject();
            test.put("name", result.check().name());
            test.put("status", Messages.threeWay(result.status()));
            if (!result.verdict().passed()) {
                test.put("message", Messages.of(grade, result));
            }
            String output = result.verdict().output();
            if (!output.isEmpty() && !result.check().hidden()) {
                test.put("output", output.length() <= MAX_OUTPUT_CHARS ? output
                        : output.substring(0, MAX_OUTPUT_CHARS - 3) + "...");
            }
            test.put("test_code", result.check().hidden() ? "(hidden)" : testCode(result.check()));
        }
        // Exercism's analyzers write these to analysis.json; here they travel with the results they go with.
        ArrayNode comments = root.putArray("comments");
        for (CodeComment comment : grade.comments()) {
            ObjectNode entry = comments.addObject();
            entry.put("comment", comment.comment());
            ObjectNode params = entry.putObject("params");
            comment.params().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(param -> params.put(param.getKey(), param.getValue()));
            entry.put("type", comment.type());
            entry.put("text", comment.text());
        }
        return root;
    }

    /** {@code functional: …} or {@code behavioural (idempotent): …}: how the check is made, then what passes. */
    static String testCode(Check check) {
        return check.kind() + (check.kind().equals(check.probeKind()) ? "" : " (" + check.probeKind() + ")") + ": "
                + check.expectation();
    }

    public static String json(Grade grade) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(of(grade));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
