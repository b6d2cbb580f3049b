package dev.faaslab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.grader.report.ExercismReport;
import dev.faaslab.grader.report.JunitReport;
import dev.faaslab.runtime.Language;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behavioural checks whose figures the platform counts (SDK calls, instances started, items in a table),
 * each passing right code and failing code that gets the concept wrong, whatever either logs.
 */
@DisplayName("Checks counted by the platform")
class PlatformCountedChecksTest {

    @TempDir
    static Path root;

    static Exercise exercise(String id, String fixtures, String check) throws IOException {
        Path folder = Files.createDirectories(root.resolve(id));
        for (String file : new String[] {"README.md", "starter.mjs", "solution.mjs"}) {
            Files.writeString(folder.resolve(file), "");
        }
        Files.writeString(folder.resolve("data.txt"), "2\n3\n5\n7\n");
        Files.writeString(folder.resolve(Exercise.MANIFEST), """
                {"title": "t", "lesson": "l", "languages": {"nodejs": {"handler": "index.handler"}},
                 "limits": {"timeoutSeconds": 5, "memoryMb": 128},
                 "fixtures": %s, "checks": [%s]}
                """.formatted(fixtures, check));
        return ExerciseReader.read(folder);
    }

    static CheckResult only(Exercise exercise, String code) {
        Grade grade = SharedSandbox.grader().grade(exercise, Language.NODEJS, code);
        assertEquals(1, grade.results().size());
        return grade.results().getFirst();
    }

    @Nested
    @DisplayName("initOnce, counting the setup's reads against the instances started,")
    class InitOnceCounts {

        static Exercise exercise;

        @BeforeAll
        static void anExerciseWhoseSetupReadsABucket() throws IOException {
            exercise = exercise("init-once", """
                    {"buckets": {"reference": {"data.txt": "data.txt"}}}""", """
                    {"name": "reads once per instance", "points": 1, "event": {"n": 3},
                     "scenario": {"kind": "initOnce", "sequential": 4, "concurrent": 3, "setupCall": "bucket.get reference"}}""");
        }

        @Test
        @DisplayName("passes code that reads the data at the top level")
        void passesATopLevelRead() {
            CheckResult result = only(exercise, """
                    import { bucket } from 'faaslab';
                    const { body } = await bucket('reference').get('data.txt');
                    const primes = new Set(body.split('\\n').map(Number));
                    export const handler = async (event) => ({ prime: primes.has(event.n) });
                    """);
            assertEquals(CheckStatus.PASS, result.status(), result.verdict().actual());
            assertTrue(result.verdict().actual().matches("the platform counted bucket\\.get reference (once|\\d+ times) in 7 "
                    + "invocations, which started \\d+ instances?"), result.verdict().actual());
        }

        @Test
        @DisplayName("fails code that logs its setup once but reads on every request")
        void failsAReadPerRequestWhateverItLogs() {
            CheckResult result = only(exercise, """
                    import { bucket } from 'faaslab';
                    console.log('SETUP');
                    export const handler = async (event) => {
                      const { body } = await bucket('reference').get('data.txt');
                      return { prime: body.split('\\n').map(Number).includes(event.n) };
                    };
                    """);
            assertEquals(CheckStatus.FAIL, result.status(), result.verdict().actual());
            assertTrue(result.verdict().actual().startsWith("the platform counted bucket.get reference 7 times in 7"),
                    result.verdict().actual());
        }

        @Test
        @DisplayName("fails code that never reads the data at all")
        void failsNoRead() {
            CheckResult result = only(exercise, "export const handler = async (event) => ({ prime: event.n === 3 });");
            assertEquals(CheckStatus.FAIL, result.status(), result.verdict().actual());
            assertTrue(result.verdict().actual().startsWith("the platform counted bucket.get reference 0 times"),
                    result.verdict().actual());
        }
    }

    @Nested
    @DisplayName("idempotent, reading a table after the same event was delivered again,")
    class IdempotentEffects {

        static Exercise exercise;

        static final String PUT_IF_ABSENT_THEN_COUNT = """
                import { table } from 'faaslab';
                export const handler = async (event) => {
                  try {
                    await table('seen').put({ id: event.id }, { ifAbsent: true });
                  } catch (error) {
                    if (error.name === 'ConditionalCheckFailedException') return 'duplicate';
                    throw error;
                  }
                  await table('totals').increment({ item: event.item }, 'ordered', event.quantity);
                  return 'counted';
                };
                """;

        @BeforeAll
        static void anExerciseCountingOrders() throws IOException {
            exercise = exercise("idempotent", """
                    {"tables": {"seen": {"partitionKey": "id"}, "totals": {"partitionKey": "item"}}}""", """
                    {"name": "counts an order once", "points": 2, "event": {"id": "o-1", "item": "tea", "quantity": 2},
                     "scenario": {"kind": "idempotent", "deliveries": 4, "effects": [
                       {"table": "totals", "key": {"item": "tea"}, "equals": {"item": "tea", "ordered": 2}},
                       {"table": "seen"}]}}""");
        }

        @Test
        @DisplayName("passes code that records the event's id with a conditional put before counting")
        void passesAConditionalPut() {
            CheckResult result = only(exercise, PUT_IF_ABSENT_THEN_COUNT);
            assertEquals(CheckStatus.PASS, result.status(), result.verdict().actual());
            assertEquals("after one delivery totals {\"item\":\"tea\"} {\"item\":\"tea\",\"ordered\":2}, the items in seen 1;"
                    + " after 4, totals {\"item\":\"tea\"} {\"item\":\"tea\",\"ordered\":2}, the items in seen 1",
                    result.verdict().actual());
        }

        @Test
        @DisplayName("fails code that counts every delivery")
        void failsCountingEveryDelivery() {
            CheckResult result = only(exercise, """
                    import { table } from 'faaslab';
                    export const handler = async (event) => {
                      await table('seen').put({ id: event.id });
                      await table('totals').increment({ item: event.item }, 'ordered', event.quantity);
                    };
                    """);
            assertEquals(CheckStatus.FAIL, result.status(), result.verdict().actual());
            assertTrue(result.verdict().actual().endsWith("after 4, totals {\"item\":\"tea\"} {\"item\":\"tea\",\"ordered\":8}, "
                    + "the items in seen 1"), result.verdict().actual());
        }

        @Test
        @DisplayName("fails code that remembers the ids it saw in its instance's memory")
        void failsAMemoryOfOneInstance() {
            CheckResult result = only(exercise, """
                    import { table } from 'faaslab';
                    const seen = new Set();
                    export const handler = async (event) => {
                      if (seen.has(event.id)) return 'duplicate';
                      seen.add(event.id);
                      await table('seen').put({ id: event.id });
                      await table('totals').increment({ item: event.item }, 'ordered', event.quantity);
                    };
                    """);
            assertEquals(CheckStatus.FAIL, result.status(), result.verdict().actual());
        }

        @Test
        @DisplayName("fails code whose one delivery leaves no effect, or not the one named")
        void failsNoEffectOrTheWrongOne() {
            CheckResult none = only(exercise, "export const handler = async () => 'ok';");
            assertEquals(CheckStatus.FAIL, none.status());
            assertTrue(none.verdict().actual().startsWith("one delivery changed nothing: totals {\"item\":\"tea\"} absent"),
                    none.verdict().actual());
            CheckResult byOne = only(exercise, PUT_IF_ABSENT_THEN_COUNT.replace("event.quantity);", "1);"));
            assertEquals(CheckStatus.FAIL, byOne.status());
            assertTrue(byOne.verdict().actual().startsWith("after one delivery totals {\"item\":\"tea\"} is "
                    + "{\"item\":\"tea\",\"ordered\":1}, not {\"item\":\"tea\",\"ordered\":2}"), byOne.verdict().actual());
        }

        @Test
        @DisplayName("is named by its kind in Exercism's test_code and JUnit's properties")
        void namedInTheReports() {
            Grade grade = SharedSandbox.grader().grade(exercise, Language.NODEJS, PUT_IF_ABSENT_THEN_COUNT);
            JsonNode test = ExercismReport.of(grade).path("tests").get(0);
            assertTrue(test.path("test_code").asText().startsWith("behavioural (idempotent): the same event delivered 4"
                    + " times"), test.toString());
            String xml = JunitReport.xml(grade);
            assertTrue(xml.contains("<property name=\"kind\" value=\"behavioural\"></property>")
                    || xml.contains("<property name=\"kind\" value=\"behavioural\"/>"), xml);
            assertTrue(xml.contains("name=\"probe\" value=\"idempotent\""), xml);
        }
    }
}
