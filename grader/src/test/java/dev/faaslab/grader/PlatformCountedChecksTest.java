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
        return exercise(root, id, fixtures, check);
    }

    /** An exercise of one check in the folder {@code id} under {@code root}, offered in JavaScript. */
    static Exercise exercise(Path root, String id, String fixtures, String check) throws IOException {
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

    /** The check ended as {@code status}, and says the platform counted {@code actual}. */
    static void assertVerdict(CheckStatus status, String actual, CheckResult result) {
        assertEquals(status, result.status(), result.verdict().actual());
        assertEquals(actual, result.verdict().actual());
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
    @DisplayName("lazyLoad, counting a rare dependency's loads before and after requests need it,")
    class LazyLoadCounts {

        static Exercise exercise;

        /** Small numbers are looked up in Init's table; the archive is read on the first request above 10. */
        static final String LOADS_ON_FIRST_NEED = """
                import { bucket } from 'faaslab';
                const ARCHIVE = bucket('archive');
                const { body } = await bucket('reference').get('data.txt');
                const small = new Set(body.split('\\n').map(Number));
                function lazy(load) {
                  let loaded;
                  return () => (loaded ??= load());
                }
                const large = lazy(async () => (await ARCHIVE.get('data.txt')).body.split('\\n').map(Number));
                export const handler = async (event) =>
                  ({ prime: event.n > 10 ? (await large()).includes(event.n % 10) : small.has(event.n) });
                """;

        @BeforeAll
        static void anExerciseWithAnArchiveOnlyLargeNumbersNeed() throws IOException {
            exercise = exercise("lazy-load", """
                    {"buckets": {"reference": {"data.txt": "data.txt"}, "archive": {"data.txt": "data.txt"}}}""", """
                    {"name": "loads the archive only when needed", "points": 1,
                     "scenario": {"kind": "lazyLoad", "call": "bucket.get archive", "common": [{"n": 3}, {"n": 4}],
                                  "needing": [{"n": 13}, {"n": 14}], "concurrent": 3}}""");
        }

        @Test
        @DisplayName("passes code that reads the archive on the first request that needs it, then keeps it")
        void passesALoadOnFirstNeed() {
            CheckResult result = only(exercise, LOADS_ON_FIRST_NEED);
            assertEquals(CheckStatus.PASS, result.status(), result.verdict().actual());
            assertTrue(result.verdict().actual().matches("the platform counted bucket\\.get archive 0 times over 5 requests"
                    + " that did not need it; then (once|[2-5] times) over 5 that did, served by [1-5] instances?"),
                    result.verdict().actual());
        }

        @Test
        @DisplayName("fails code that reads the archive in Init, before any request needs it")
        void failsAnEagerLoad() {
            CheckResult result = only(exercise, LOADS_ON_FIRST_NEED.replace("export const handler", "await large();\nexport const handler"));
            assertEquals(CheckStatus.FAIL, result.status(), result.verdict().actual());
            assertTrue(result.verdict().actual().matches("the platform counted bucket\\.get archive (once|[2-5] times)"
                    + " over 5 requests that did not need it; .*"), result.verdict().actual());
        }

        @Test
        @DisplayName("fails code that reads the archive again on every request that needs it")
        void failsALoadPerRequest() {
            CheckResult result = only(exercise, LOADS_ON_FIRST_NEED.replace("(loaded ??= load())", "load()"));
            assertEquals(CheckStatus.FAIL, result.status(), result.verdict().actual());
            assertTrue(result.verdict().actual().contains("; then 5 times over 5 that did, served by "),
                    result.verdict().actual());
        }

        @Test
        @DisplayName("fails code that logs a load but never reads the archive")
        void failsNoLoadWhateverItLogs() {
            CheckResult result = only(exercise, """
                    import { bucket } from 'faaslab';
                    const { body } = await bucket('reference').get('data.txt');
                    const small = new Set(body.split('\\n').map(Number));
                    export const handler = async (event) => {
                      if (event.n > 10) console.log('loaded the archive once');
                      return { prime: small.has(event.n % 10) };
                    };
                    """);
            assertEquals(CheckStatus.FAIL, result.status(), result.verdict().actual());
            assertTrue(result.verdict().actual().contains("; then 0 times over 5 that did, served by "),
                    result.verdict().actual());
        }

        @Test
        @DisplayName("says what it expects in words")
        void expected() {
            assertEquals("the dependency (bucket.get archive) not loaded by requests that do not need it (one after"
                    + " another, then 3 at once), then loaded exactly once on each instance that served requests that"
                    + " do (one after another, then 3 at once)", exercise.checks().getFirst().expectation());
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

    @Nested
    @DisplayName("uploads, counting the invocations the platform made for the objects uploaded,")
    class UploadsCounted {

        static Exercise exercise;

        /** Writes a copy of each upload to the key {@code copies/<key>}, in the bucket {@code BUCKET}. */
        static final String COPIES_TO = """
                import { bucket } from 'faaslab';
                export const handler = async (event) => {
                  const key = decodeURIComponent(event.Records[0].s3.object.key.replace(/\\+/g, ' '));
                  await bucket('BUCKET').put('copies/' + key, 'a copy');
                  return key;
                };
                """;

        @BeforeAll
        static void anExerciseUploadingTwoNotes() throws IOException {
            exercise = exercise("uploads", """
                    {"buckets": {"uploads": {}, "copies": {}}, "subscriptions": [{"bucket": "uploads"}]}""", """
                    {"name": "runs once per upload", "points": 1,
                     "scenario": {"kind": "uploads", "bucket": "uploads",
                                  "objects": {"notes/a.txt": "tea", "notes/b c.txt": "coffee"}}}""");
        }

        @Test
        @DisplayName("passes code that writes its output to another bucket")
        void passesWritingElsewhere() {
            CheckResult result = only(exercise, COPIES_TO.replace("BUCKET", "copies"));
            assertVerdict(CheckStatus.PASS, "2 uploads made 2 invocations", result);
        }

        @Test
        @DisplayName("fails code that writes into the bucket that invokes it, which the platform stops after 16 runs each")
        void failsTheLoop() {
            CheckResult result = only(exercise, COPIES_TO.replace("BUCKET", "uploads"));
            assertVerdict(CheckStatus.FAIL, "2 uploads made 32 invocations; the platform stopped a recursive loop 2"
                    + " times: the function writes into the bucket that invokes it", result);
        }

        @Test
        @DisplayName("fails code that throws, once per upload all the same, without waiting for Lambda's retries")
        void failsAnError() {
            CheckResult result = only(exercise, "export const handler = async () => { throw new Error('no'); };");
            assertVerdict(CheckStatus.FAIL, "2 uploads made 2 invocations, 2 of them failed", result);
        }

        @Test
        @DisplayName("reads a bucket's objects as an idempotent check's effect: output named by the time adds one a delivery")
        void countsABucketsObjectsAsAnEffect() throws IOException {
            Exercise counted = exercise("bucket-effect", """
                    {"buckets": {"summaries": {}}}""", """
                    {"name": "one summary", "points": 1, "event": {"key": "a.txt"},
                     "scenario": {"kind": "idempotent", "deliveries": 3,
                                  "effects": [{"bucket": "summaries", "equals": 1}]}}""");
            String named = """
                    import { bucket } from 'faaslab';
                    export const handler = async (event) => { await bucket('summaries').put(NAME, 'words'); };
                    """;
            assertVerdict(CheckStatus.PASS, "after one delivery the objects in summaries 1; after 3, the objects in"
                    + " summaries 1", only(counted, named.replace("NAME", "event.key + '.json'")));
            CheckResult timed = only(counted, named.replace("NAME", "event.key + '.' + Date.now() + Math.random()"));
            assertVerdict(CheckStatus.FAIL, "after one delivery the objects in summaries 1; after 3, the objects in"
                    + " summaries 3", timed);
        }
    }

    @Nested
    @DisplayName("deadLetters, reading the on-failure queue after asynchronous invocations,")
    class DeadLettersInTheQueue {

        static Exercise exercise;

        /** Throws on an order it cannot process, handles the others. */
        static final String THROWS_ON_POISON = """
                export const handler = async (event) => {
                  if (typeof event.quantity !== 'number') {
                    throw new TypeError('order ' + event.orderId + ' has no quantity');
                  }
                  return { orderId: event.orderId, accepted: event.quantity };
                };
                """;

        @BeforeAll
        static void anExerciseWithTwoGoodOrdersAndAPoisonOne() throws IOException {
            exercise = exercise("dead-letters", "{}", """
                    {"name": "parks the order it cannot process", "points": 1,
                     "scenario": {"kind": "deadLetters", "maximumRetryAttempts": 1,
                                  "good": [{"orderId": "o-1", "quantity": 2}, {"orderId": "o-2", "quantity": 1}],
                                  "poison": [{"orderId": "o-3", "quantity": "lots"}]}}""");
        }

        @Test
        @DisplayName("passes code that throws on the poison event and handles the good ones")
        void passesThrowingOnPoison() {
            CheckResult result = only(exercise, THROWS_ON_POISON);
            assertVerdict(CheckStatus.PASS,
                    "the platform put 1 of the 1 poison event in the on-failure queue, and 0 of the 2 good ones", result);
        }

        @Test
        @DisplayName("fails code that swallows the error, however loudly it logs a failure")
        void failsSwallowingTheError() {
            CheckResult result = only(exercise, """
                    export const handler = async (event) => {
                      try {
                        if (typeof event.quantity !== 'number') throw new TypeError('no quantity');
                        return { orderId: event.orderId, accepted: event.quantity };
                      } catch (error) {
                        console.error('FAILED: sent ' + event.orderId + ' to the dead-letter queue');
                        return { failed: true };
                      }
                    };
                    """);
            assertVerdict(CheckStatus.FAIL,
                    "the platform put 0 of the 1 poison event in the on-failure queue, and 0 of the 2 good ones;"
                    + " the poison event {\"orderId\":\"o-3\",\"quantity\":\"lots\"} did not: an attempt at it"
                    + " succeeded, so the platform had nothing to retry", result);
            assertTrue(result.verdict().output().contains("FAILED: sent o-3"), result.verdict().output());
        }

        @Test
        @DisplayName("fails code that throws on good events too")
        void failsThrowingOnGoodEvents() {
            CheckResult result = only(exercise, """
                    export const handler = async (event) => {
                      if (event.quantity > 1 || typeof event.quantity !== 'number') throw new Error('cannot ' + event.orderId);
                      return 'ok';
                    };
                    """);
            assertVerdict(CheckStatus.FAIL,
                    "the platform put 1 of the 1 poison event in the on-failure queue, and 1 of the 2 good ones;"
                    + " the good event {\"orderId\":\"o-1\",\"quantity\":2} reached it after 2 attempts, failing"
                    + " with Error: cannot o-1", result);
        }

        @Test
        @DisplayName("says what it expects, each event by its JSON")
        void expected() {
            assertEquals("sent asynchronously (retried once, failures to an on-failure queue), the poison event"
                    + " ({\"orderId\":\"o-3\",\"quantity\":\"lots\"}) fails every attempt and ends in the queue;"
                    + " the good events ({\"orderId\":\"o-1\",\"quantity\":2}, {\"orderId\":\"o-2\",\"quantity\":1})"
                    + " do not", exercise.checks().getFirst().expectation());
        }
    }

    @Nested
    @DisplayName("retries, counting the attempts the platform made at an asynchronous invocation,")
    class RetriesCounted {

        static Exercise handled;
        static Exercise parked;

        /** Handles a recoverable problem (no stock) itself; throws on an order it cannot read. */
        static final String RIGHT = """
                export const handler = async (event) => {
                  if (typeof event.quantity !== 'number') throw new TypeError('unreadable order ' + event.orderId);
                  if (event.stock === 0) return { orderId: event.orderId, status: 'backordered' };
                  return { orderId: event.orderId, status: 'accepted' };
                };
                """;

        @BeforeAll
        static void exercisesWithARecoverableAndAPoisonEvent() throws IOException {
            handled = exercise("retries-handled", "{}", """
                    {"name": "handles no stock itself", "points": 1, "event": {"orderId": "o-1", "quantity": 2, "stock": 0},
                     "scenario": {"kind": "retries", "attempts": 1, "maximumRetryAttempts": 1}}""");
            parked = exercise("retries-parked", "{}", """
                    {"name": "fails on an unreadable order", "points": 1, "event": {"orderId": "o-2", "quantity": "lots"},
                     "scenario": {"kind": "retries", "attempts": 3}}""");
        }

        @Test
        @DisplayName("passes code that handles the recoverable problem without throwing")
        void passesHandlingItself() {
            CheckResult result = only(handled, RIGHT);
            assertVerdict(CheckStatus.PASS, "the platform ran the event once: it succeeded", result);
        }

        @Test
        @DisplayName("fails code that throws on the recoverable problem, whatever it logs")
        void failsThrowingOnTheRecoverable() {
            CheckResult result = only(handled, """
                    export const handler = async (event, context) => {
                      console.log('handled once, attempt 1');
                      if (event.stock === 0) throw new Error('out of stock');
                      return 'accepted';
                    };
                    """);
            assertVerdict(CheckStatus.FAIL,
                    "the platform ran the event twice: every attempt failed, and it gave up", result);
        }

        @Test
        @DisplayName("passes code that throws on the poison event, which the platform runs three times by default")
        void passesThrowingOnPoison() {
            CheckResult result = only(parked, RIGHT);
            assertVerdict(CheckStatus.PASS,
                    "the platform ran the event 3 times: every attempt failed, and it gave up", result);
        }

        @Test
        @DisplayName("fails code that swallows the poison event's error, or fails only its first attempt")
        void failsSwallowingOrFailingOnce() {
            CheckResult swallowed = only(parked, """
                    export const handler = async (event) => {
                      try { JSON.parse(event.quantity); } catch (error) { console.error('ERROR', error.message); }
                      return 'done';
                    };
                    """);
            assertVerdict(CheckStatus.FAIL, "the platform ran the event once: it succeeded", swallowed);
            CheckResult once = only(parked, """
                    export const handler = async (event, context) => {
                      if (context.attempt === 1) throw new Error('try again');
                      return 'done';
                    };
                    """);
            assertVerdict(CheckStatus.FAIL, "the platform ran the event twice: 1 failed, then one succeeded", once);
        }

        @Test
        @DisplayName("says what it expects in words")
        void expected() {
            assertEquals("sent asynchronously (up to 2 attempts), {\"orderId\":\"o-1\",\"quantity\":2,\"stock\":0} is"
                    + " attempted once: the function handles it without failing", handled.checks().getFirst().expectation());
            assertEquals("sent asynchronously (up to 3 attempts), {\"orderId\":\"o-2\",\"quantity\":\"lots\"} is"
                    + " attempted 3 times: the function fails every attempt, and the platform gives up",
                    parked.checks().getFirst().expectation());
        }
    }

    @Nested
    @DisplayName("burst, counting the throttles and the requests in flight at once,")
    class BurstCounted {

        /** Holds its instance for 2 s: twenty released at once are all in flight together, on any machine. */
        static final String HOLDS = """
                export const handler = async (event) => {
                  await new Promise((resolve) => setTimeout(resolve, 2000));
                  return { id: event.id };
                };
                """;

        @Test
        @DisplayName("passes a burst at a reserved concurrency of 3: some throttled, never more than 3 in flight")
        void passesWithinTheReservedConcurrency() throws IOException {
            Exercise exercise = exercise("burst-reserved", "{}", """
                    {"name": "at most 3 at once", "points": 1, "event": {"id": 1},
                     "scenario": {"kind": "burst", "invocations": 20, "reservedConcurrency": 3,
                                  "throttles": {"min": 1}, "peakConcurrency": {"max": 3}}}""");
            CheckResult result = only(exercise, HOLDS);
            assertEquals(CheckStatus.PASS, result.status(), result.verdict().actual());
            assertTrue(result.verdict().actual().matches("the platform throttled (1[0-7]|[1-9]) of 20 requests, and had at"
                    + " most [1-3] in flight at once"), result.verdict().actual());
            assertEquals("a burst of 20 requests at once at a reserved concurrency of 3: at least 1 throttled, and at"
                    + " most 3 in flight at once, and every request let through succeeds", result.verdict().expected());
        }

        @Test
        @DisplayName("fails a function that holds an instance per request when at most 5 may be in flight")
        void failsTooManyInFlight() throws IOException {
            Exercise exercise = exercise("burst-peak", "{}", """
                    {"name": "at most 5 at once", "points": 1, "event": {"id": 1},
                     "scenario": {"kind": "burst", "invocations": 20, "peakConcurrency": {"max": 5}}}""");
            CheckResult result = only(exercise, HOLDS);
            assertEquals(CheckStatus.FAIL, result.status(), result.verdict().actual());
            assertTrue(result.verdict().actual().startsWith("the platform throttled 0 of 20 requests, and had at most "),
                    result.verdict().actual());
        }

        @Test
        @DisplayName("fails when a request let through fails, whatever the counts")
        void failsAFailingRequest() throws IOException {
            Exercise exercise = exercise("burst-failing", "{}", """
                    {"name": "no errors", "points": 1, "event": {"id": 1},
                     "scenario": {"kind": "burst", "invocations": 5, "throttles": {"max": 0}}}""");
            CheckResult result = only(exercise, "export const handler = async () => { throw new Error('down'); };");
            assertEquals(CheckStatus.ERROR, result.status(), result.verdict().actual());
            assertTrue(result.verdict().actual().contains("down"), result.verdict().actual());
        }
    }

    @Nested
    @DisplayName("a submission's config, in a grade,")
    class SubmissionConfigApplied {

        /** Holds its instance for 2 s: five released at once are all in flight together, on any machine. */
        static final String HOLDS = """
                export const config = { reservedConcurrency: 1 };
                export const handler = async () => {
                  await new Promise((resolve) => setTimeout(resolve, 2000));
                  return 'done';
                };
                """;

        static final String BURST = """
                {"name": "five at once", "points": 1, "event": {},
                 "scenario": {"kind": "burst", "invocations": 5, "throttles": {"min": 4}, "peakConcurrency": {"max": 1}}}""";

        @Test
        @DisplayName("deploys the function with its reserved concurrency, which the platform then enforces")
        void reservedConcurrencyIsDeployed() throws IOException {
            Exercise exercise = exercise("config-reserved", "{}", BURST);
            CheckResult result = only(exercise, HOLDS);
            assertEquals(CheckStatus.PASS, result.status(), result.verdict().actual());
            assertEquals("the platform throttled 4 of 5 requests, and had at most 1 in flight at once",
                    result.verdict().actual());
            CheckResult unlimited = only(exercise, HOLDS.replace(
                    "export const config = { reservedConcurrency: 1 };", ""));
            assertEquals(CheckStatus.FAIL, unlimited.status(), "without the config, nothing is throttled: "
                    + unlimited.verdict().actual());
        }

        @Test
        @DisplayName("refuses the whole submission when its config cannot be read, every check saying why")
        void refusedConfigFailsEveryCheck() throws IOException {
            Exercise exercise = exercise("config-refused", "{}", BURST);
            CheckResult result = only(exercise, HOLDS.replace("reservedConcurrency: 1",
                    "reservedConcurrency: 1, colour: 'blue'"));
            assertEquals(CheckStatus.ERROR, result.status(), result.verdict().actual());
            assertTrue(result.verdict().actual().startsWith("index.mjs:1: config.colour is not a setting"),
                    result.verdict().actual());
        }
    }

    @Nested
    @DisplayName("answers, comparing what a function answered with what the platform counted,")
    class AnswersCounted {

        static Exercise context;
        static Exercise counter;

        /** The context's values, and an id made once per instance, in Init. */
        static final String CONTEXT = """
                const instanceId = Math.random().toString(36).slice(2);
                export const handler = async (event, context) => ({
                  instanceId, requestId: context.awsRequestId, functionName: context.functionName,
                  memory: Number(context.memoryLimitInMB) });
                """;

        @BeforeAll
        static void exercisesOnTheContextAndOnACounter() throws IOException {
            context = exercise("answers-context", "{}", """
                    {"name": "answers from its context", "points": 1, "event": {},
                     "scenario": {"kind": "answers", "sequential": 3, "concurrent": 4,
                       "distinct": {"$.instanceId": "instances", "$.requestId": {"min": 7, "max": 7}},
                       "fromPlatform": {"$.requestId": "requestId", "$.functionName": "functionName",
                                        "$.memory": "memoryMb"}}}""");
            counter = exercise("answers-counter", """
                    {"tables": {"visits": {"partitionKey": "id"}}}""", """
                    {"name": "counts every visit", "points": 1,
                     "scenario": {"kind": "answers", "concurrent": 6, "sequential": 4,
                       "events": [{"user": "ada"}, {"user": "grace"}],
                       "instances": {"min": 2}, "echoes": {"$.user": "$.user"},
                       "last": {"subset": {"user": "grace", "total": 10}}}}""");
        }

        @Test
        @DisplayName("passes a function that answers its context's values and an id made in Init")
        void passesTheContextsValues() {
            CheckResult result = only(context, CONTEXT);
            assertEquals(CheckStatus.PASS, result.status(), result.verdict().actual());
            assertTrue(result.verdict().actual().matches("7 answers, [1-4] cold starts?, [1-4] instances? started,"
                    + " [1-4] distinct \\$\\.instanceId, 7 distinct \\$\\.requestId"), result.verdict().actual());
        }

        @Test
        @DisplayName("fails an id made in the handler: more distinct values than instances")
        void failsAnIdPerRequest() {
            CheckResult result = only(context, CONTEXT.replace("const instanceId = Math.random().toString(36).slice(2);",
                    "").replace("instanceId, ", "instanceId: Math.random().toString(36).slice(2), "));
            assertEquals(CheckStatus.FAIL, result.status(), result.verdict().actual());
            assertTrue(result.verdict().actual().contains("; but 7 distinct $.instanceId, not as many as the instances"
                    + " started"), result.verdict().actual());
        }

        @Test
        @DisplayName("fails a start time made per request, however fast the calls: they go apartMs apart")
        void failsATimeMadePerRequest() throws IOException {
            Exercise spaced = exercise("answers-spaced", "{}", """
                    {"name": "says when its instance started", "points": 1, "event": {},
                     "scenario": {"kind": "answers", "sequential": 5, "apartMs": 2,
                       "distinct": {"$.startedAt": "instances"}}}""");
            String atInit = """
                    const startedAt = new Date().toISOString();
                    export const handler = async () => ({ startedAt });
                    """;
            CheckResult once = only(spaced, atInit);
            assertEquals(CheckStatus.PASS, once.status(), once.verdict().actual());
            assertEquals("5 one after another, 2 ms apart: as many as the instances started distinct $.startedAt",
                    once.verdict().expected());
            // Milliseconds: without the spacing, five warm calls can share one and the times agree.
            CheckResult perRequest = only(spaced, """
                    export const handler = async () => ({ startedAt: new Date().toISOString() });
                    """);
            assertEquals(CheckStatus.FAIL, perRequest.status(), perRequest.verdict().actual());
            assertTrue(perRequest.verdict().actual().contains("; but 5 distinct $.startedAt, not as many as the"
                    + " instances started"), perRequest.verdict().actual());
        }

        @Test
        @DisplayName("meets a fresh instance on each sequential call when asked: as many instances as calls, so a"
                + " constant id fails however fast the machine")
        void freshInstances() throws IOException {
            Exercise fresh = exercise("answers-fresh", "{}", """
                    {"name": "one id per instance", "points": 1, "event": {},
                     "scenario": {"kind": "answers", "sequential": 3, "freshInstances": true,
                       "instances": {"min": 3, "max": 3}, "distinct": {"$.instanceId": "instances"}}}""");
            CheckResult made = only(fresh, CONTEXT);
            assertEquals(CheckStatus.PASS, made.status(), made.verdict().actual());
            assertTrue(made.verdict().actual().startsWith("3 answers, 3 cold starts, 3 instances started"),
                    made.verdict().actual());
            CheckResult constant = only(fresh, CONTEXT.replace("Math.random().toString(36).slice(2)", "'i-1'"));
            assertEquals(CheckStatus.FAIL, constant.status(), constant.verdict().actual());
            assertTrue(constant.verdict().actual().contains("1 distinct $.instanceId, not as many as the instances"
                    + " started"), constant.verdict().actual());
        }

        @Test
        @DisplayName("fails a request id it made up, and a function name it guessed")
        void failsValuesThePlatformDidNotGive() {
            CheckResult madeUp = only(context, CONTEXT.replace("requestId: context.awsRequestId",
                    "requestId: Math.random().toString(16).slice(2)"));
            assertEquals(CheckStatus.FAIL, madeUp.status(), madeUp.verdict().actual());
            assertTrue(madeUp.verdict().actual().contains("$.requestId is \""), madeUp.verdict().actual());
            assertTrue(madeUp.verdict().actual().contains("not the request id the platform gave that invocation"),
                    madeUp.verdict().actual());
            CheckResult guessed = only(context, CONTEXT.replace("functionName: context.functionName",
                    "functionName: 'answers-context'"));
            assertEquals(CheckStatus.FAIL, guessed.status(), guessed.verdict().actual());
            assertTrue(guessed.verdict().actual().contains("$.functionName is \"answers-context\", not the function's"
                    + " deployed name"), guessed.verdict().actual());
        }

        @Test
        @DisplayName("passes a counter kept in a table, incremented atomically, answering each user's own name")
        void passesATableCounter() {
            CheckResult result = only(counter, """
                    import { table } from 'faaslab';
                    const visits = table('visits');
                    export const handler = async (event) => {
                      const { value } = await visits.increment({ id: 'total' }, 'count', 1);
                      return { user: event.user, total: value };
                    };
                    """);
            assertEquals(CheckStatus.PASS, result.status(), result.verdict().actual());
        }

        @Test
        @DisplayName("fails a counter kept in an instance's memory")
        void failsAGlobalCounter() {
            // It takes a moment, as real work does: six invocations released at once then overlap and need several
            // instances (on a loaded machine a handler that answers in microseconds can be done before the next thread
            // runs, and one instance serves all six: its counter then comes out right, and only the instance count fails).
            CheckResult result = only(counter, """
                    let total = 0;
                    export const handler = async (event) => {
                      await new Promise((resolve) => setTimeout(resolve, 100));
                      return { user: event.user, total: ++total };
                    };
                    """);
            assertEquals(CheckStatus.FAIL, result.status(), result.verdict().actual());
            assertTrue(result.verdict().actual().contains("; but the last answer {\"user\":\"grace\",\"total\":"),
                    result.verdict().actual());
        }

        @Test
        @DisplayName("fails a get then a put: waves at once on warm instances lose updates")
        void failsAReadThenAWrite() throws IOException {
            Exercise waves = exercise("answers-waves", """
                    {"tables": {"visits": {"partitionKey": "id"}}}""", """
                    {"name": "counts every visit", "points": 1, "event": {"user": "ada"},
                     "scenario": {"kind": "answers", "concurrent": 5, "waves": 4, "sequential": 1,
                       "last": {"subset": {"total": 21}}}}""");
            CheckResult result = only(waves, """
                    import { table } from 'faaslab';
                    const visits = table('visits');
                    export const handler = async (event) => {
                      const { item } = await visits.get({ id: 'total' });
                      const total = (item?.count ?? 0) + 1;
                      await visits.put({ id: 'total', count: total });
                      return { user: event.user, total };
                    };
                    """);
            assertEquals(CheckStatus.FAIL, result.status(), result.verdict().actual());
            assertTrue(result.verdict().actual().startsWith("21 answers, "), result.verdict().actual());
            assertTrue(result.verdict().actual().contains("; but the last answer {\"user\":\"ada\",\"total\":"),
                    result.verdict().actual());
        }

        @Test
        @DisplayName("fails a name kept from the first request an instance served")
        void failsALeakedUser() {
            CheckResult result = only(counter, """
                    import { table } from 'faaslab';
                    let visitor;
                    export const handler = async (event) => {
                      visitor ??= event.user;
                      const { value } = await table('visits').increment({ id: 'total' }, 'count', 1);
                      return { user: visitor, total: value };
                    };
                    """);
            assertEquals(CheckStatus.FAIL, result.status(), result.verdict().actual());
            assertTrue(result.verdict().actual().contains("at $.user, not its event's \""), result.verdict().actual());
        }
    }
}
