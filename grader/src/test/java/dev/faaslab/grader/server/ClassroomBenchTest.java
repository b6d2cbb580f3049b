package dev.faaslab.grader.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faaslab.cli.FaasLabCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code faaslab bench classroom}, small: here because a submission needs the grader on the class path, as
 * {@code ./faaslab} puts it. Timings are the bench's to report, not this test's to judge; errors are.
 */
@DisplayName("faaslab bench classroom, with 4 learners (1 hostile) for 8 s on H2,")
class ClassroomBenchTest {

    @Test
    @DisplayName("prints one JSON object with the issue's fields, and no well-behaved learner met an error")
    void smallWorkshop() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var command = FaasLabCommand.forArguments("bench", "classroom");
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));

        int exit = command.execute("bench", "classroom", "--learners", "4", "--hostile", "1", "--seconds", "8",
                "--json", "--h2");

        assertEquals(0, exit, "exit code; it printed " + out + err);
        JsonNode result = new ObjectMapper().readTree(out.toString());
        for (String field : List.of("learners", "hostileLearners", "invocations", "errors", "warmInvokeP99Ms",
                "gradingP99Ms", "heapMaxMb")) {
            assertTrue(result.has(field), "the JSON has " + field + ": " + result);
        }
        assertEquals(4, result.path("learners").asInt(), result.toString());
        assertEquals(1, result.path("hostileLearners").asInt(), result.toString());
        assertEquals(0, result.path("errors").asLong(), "no well-behaved learner met an error: " + err);
        assertTrue(result.path("invocations").asLong() > 0, "the learners invoked their functions: " + result);
        assertEquals(3, result.path("submissions").asLong(), "each well-behaved learner submitted once: " + result);
        assertTrue(result.path("hostileInvocations").asLong() > 0, "the hostile learner ran the corpus: " + result);
        // Its first case (the corpus's first, js-allocation-bomb) runs into its memory size.
        assertEquals(1, result.path("quarantined").asInt(), "and was moved to the quarantine: " + result);
    }
}
