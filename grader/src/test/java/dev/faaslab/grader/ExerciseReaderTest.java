package dev.faaslab.grader;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest reader's refusals that ExerciseManifestFuzzTest found wanting. */
class ExerciseReaderTest {

    @TempDir
    Path root;

    private Path exercise;

    @BeforeEach
    void anExerciseFolderWithEveryFileButTheManifest() throws IOException {
        exercise = Files.createDirectories(root.resolve("sample"));
        for (String file : new String[] {"README.md", "starter.mjs", "solution.mjs"}) {
            Files.writeString(exercise.resolve(file), "");
        }
    }

    private String refusal(String manifest) throws IOException {
        Files.writeString(exercise.resolve(Exercise.MANIFEST), manifest);
        String message = assertThrows(ExerciseException.class, () -> ExerciseReader.read(exercise)).getMessage();
        assertTrue(message.startsWith(exercise.resolve(Exercise.MANIFEST).toString()), message);
        return message;
    }

    @Nested
    class RefusesJsonBeyondTheParsersLimits {

        // Jackson's limits (StreamReadConstraints) fail without a location: the reader threw a
        // NullPointerException asking for its line, and ./faaslab grade stopped with a stack trace.

        @Test
        void nestedMoreThanAThousandDeepSayingSo() throws IOException {
            String message = refusal("[".repeat(1001));
            assertTrue(message.contains("not valid JSON") && message.contains("nesting depth"), message);
        }

        @Test
        void aNumberOfMoreThanAThousandDigitsSayingSo() throws IOException {
            String message = refusal("{\"order\":" + "1".repeat(1001) + "}");
            assertTrue(message.contains("not valid JSON") && message.contains("Number value length"), message);
        }
    }

    @Nested
    class RefusesAMaximumCostThatIsNotANumber {

        @Test
        void namingTheFieldRatherThanSayingNull() throws IOException {
            String message = refusal("""
                    {"title": "t", "lesson": "l", "languages": {"nodejs": {"handler": "index.handler"}},
                     "checks": [{"name": "cheap", "points": 1,
                                 "scenario": {"kind": "costPerMillion", "invocations": 10, "maxUsd": {}}}]}
                    """);
            assertTrue(message.endsWith("check 1 ('cheap'): \"maxUsd\" must be a number of dollars, such as 0.50,"
                    + " not {}"), message);
        }
    }

    @Nested
    class RefusesAPlatformCountedCheckItCannotRun {

        private static final String HEAD = """
                {"title": "t", "lesson": "l", "languages": {"nodejs": {"handler": "index.handler"}}, """;

        @Test
        void anInitOnceCountingALogMarkerSayingWhatToCountInstead() throws IOException {
            String message = refusal(HEAD + """
                     "checks": [{"name": "once", "points": 1,
                                 "scenario": {"kind": "initOnce", "sequential": 3, "marker": "SETUP"}}]}
                    """);
            assertTrue(message.endsWith("check 1 ('once'): initOnce no longer counts a \"marker\" in the log: a function"
                    + " can log it without doing the work. Name the setup's call through the faaslab module instead, as"
                    + " \"setupCall\": \"bucket.get reference\", which the platform counts"), message);
        }

        @Test
        void anInitOnceWithoutItsSetupCall() throws IOException {
            String message = refusal(HEAD + """
                     "checks": [{"name": "once", "points": 1, "scenario": {"kind": "initOnce", "sequential": 3}}]}
                    """);
            assertTrue(message.contains("initOnce needs \"setupCall\": the SDK call the setup makes"), message);
        }

        @Test
        void anEffectInATableTheFixturesDoNotMake() throws IOException {
            String message = refusal(HEAD + """
                     "fixtures": {"tables": {"orders": {"partitionKey": "orderId"}}},
                     "checks": [{"name": "once", "points": 1, "scenario": {"kind": "idempotent", "deliveries": 2,
                                 "effects": [{"table": "totals", "key": {"item": "tea"}}]}}]}
                    """);
            assertTrue(message.endsWith("check 1 ('once'): an effect names the table 'totals', which \"fixtures\" does not"
                    + " make (it makes orders)"), message);
        }

        @Test
        void aBucketObjectFromOutsideTheExercisesFolder() throws IOException {
            String message = refusal(HEAD + """
                     "fixtures": {"buckets": {"reference": {"passwd": "../../../etc/passwd"}}},
                     "checks": [{"name": "n", "points": 1, "event": {}, "expect": {"exact": 1}}]}
                    """);
            assertTrue(message.endsWith("\"fixtures\".buckets.reference.passwd: names no readable file inside the"
                    + " exercise's folder (\"../../../etc/passwd\")"), message);
        }

        @Test
        void aScenarioOfAnUnknownKindListingTheKinds() throws IOException {
            String message = refusal(HEAD + """
                     "checks": [{"name": "n", "points": 1, "scenario": {"kind": "exactlyOnce"}}]}
                    """);
            assertTrue(message.endsWith("unknown scenario kind 'exactlyOnce': use coldStarts, initOnce, lazyLoad, idempotent,"
                    + " uploads, deadLetters, retries, burst, malformed, queue, stream, answers, doors, withinTimeout or costPerMillion"), message);
        }

        @Test
        void aSubscriptionToABucketTheFixturesDoNotMake() throws IOException {
            String message = refusal(HEAD + """
                     "fixtures": {"buckets": {"uploads": {}}, "subscriptions": [{"bucket": "photos"}]},
                     "checks": [{"name": "n", "points": 1, "event": {}, "expect": {"exact": 1}}]}
                    """);
            assertTrue(message.endsWith("\"fixtures\".subscriptions[0]: the bucket 'photos' is not one of"
                    + " \"fixtures\".buckets (uploads): add it there, even empty ({})"), message);
            String twice = refusal(HEAD + """
                     "fixtures": {"buckets": {"uploads": {}}, "subscriptions": [{"bucket": "uploads"},
                                  {"bucket": "uploads", "suffix": ".txt"}]},
                     "checks": [{"name": "n", "points": 1, "event": {}, "expect": {"exact": 1}}]}
                    """);
            assertTrue(twice.endsWith("the bucket 'uploads' is subscribed twice; one subscription per bucket"), twice);
        }

        @Test
        void uploadsToABucketThatInvokesNothingOrUnderKeysItsFilterSkips() throws IOException {
            String unsubscribed = refusal(HEAD + """
                     "fixtures": {"buckets": {"uploads": {}}},
                     "checks": [{"name": "n", "points": 1, "scenario": {"kind": "uploads", "bucket": "uploads",
                                 "objects": {"a.txt": "a"}}}]}
                    """);
            assertTrue(unsubscribed.endsWith("check 1 ('n'): uploads needs \"bucket\": a fixture bucket that"
                    + " \"fixtures\".subscriptions subscribes the function to (it subscribes it to none), not 'uploads'"),
                    unsubscribed);
            String filtered = refusal(HEAD + """
                     "fixtures": {"buckets": {"uploads": {}}, "subscriptions": [{"bucket": "uploads", "prefix": "in/"}]},
                     "checks": [{"name": "n", "points": 1, "scenario": {"kind": "uploads", "bucket": "uploads",
                                 "objects": {"out/a.txt": "a"}}}]}
                    """);
            assertTrue(filtered.endsWith("uploads: the key 'out/a.txt' does not fire the subscription of the bucket"
                    + " uploads (keys starting 'in/'), so it could invoke nothing: choose a key it matches"), filtered);
            String none = refusal(HEAD + """
                     "fixtures": {"buckets": {"uploads": {}}, "subscriptions": [{"bucket": "uploads"}]},
                     "checks": [{"name": "n", "points": 1, "scenario": {"kind": "uploads", "bucket": "uploads",
                                 "objects": {}}}]}
                    """);
            assertTrue(none.contains("uploads needs \"objects\": 1 to 10 keys, each with its text"), none);
        }

        @Test
        void anEffectInABucketTheFixturesDoNotMake() throws IOException {
            String message = refusal(HEAD + """
                     "fixtures": {"buckets": {"uploads": {}}},
                     "checks": [{"name": "n", "points": 1, "scenario": {"kind": "idempotent", "deliveries": 2,
                                 "effects": [{"bucket": "summaries", "equals": 1}]}}]}
                    """);
            assertTrue(message.contains("a bucket's effect counts the objects of a fixture bucket (\"bucket\": uploads)"),
                    message);
        }

        /** The refusal of a one-check manifest whose check, 'n', has this scenario. */
        private String refusedScenario(String scenario) throws IOException {
            return refusal(HEAD + "\"checks\": [{\"name\": \"n\", \"points\": 1, \"scenario\": " + scenario + "}]}");
        }

        @Test
        void deadLettersWithoutEventsOrWithTooMany() throws IOException {
            String none = refusedScenario("""
                    {"kind": "deadLetters"}""");
            assertTrue(none.endsWith("check 1 ('n'): deadLetters needs 1 to 10 events, \"good\" and \"poison\""
                    + " together, not 0"), none);
            String many = refusedScenario("""
                    {"kind": "deadLetters", "good": [1, 2, 3, 4, 5, 6], "poison": [7, 8, 9, 10, 11]}""");
            assertTrue(many.endsWith("deadLetters needs 1 to 10 events, \"good\" and \"poison\" together, not 11"), many);
        }

        @Test
        void deadLettersWhoseEventsAreNoList() throws IOException {
            String message = refusedScenario("""
                    {"kind": "deadLetters", "poison": {"orderId": "o-1"}}""");
            assertTrue(message.endsWith("check 1 ('n'): deadLetters' \"poison\" must list events, as"
                    + " [{\"orderId\": \"o-1\"}], not {\"orderId\":\"o-1\"}"), message);
        }

        @Test
        void retryAttemptsBeyondLambdasLimits() throws IOException {
            String three = refusedScenario("""
                    {"kind": "deadLetters", "poison": [{}], "maximumRetryAttempts": 3}""");
            assertTrue(three.endsWith("deadLetters' \"maximumRetryAttempts\" is 0, 1 or 2 (Lambda's limits), not 3"),
                    three);
            String text = refusedScenario("""
                    {"kind": "retries", "attempts": 1, "maximumRetryAttempts": "2"}""");
            assertTrue(text.endsWith("retries' \"maximumRetryAttempts\" is 0, 1 or 2 (Lambda's limits), not \"2\""),
                    text);
        }

        @Test
        void retriesWithoutAttemptsOrMoreThanThePlatformMakes() throws IOException {
            String missing = refusedScenario("""
                    {"kind": "retries"}""");
            assertTrue(missing.endsWith("check 1 ('n'): retries needs \"attempts\": how many times the platform"
                    + " must have run the event, a whole number"), missing);
            String tooMany = refusedScenario("""
                    {"kind": "retries", "attempts": 3, "maximumRetryAttempts": 1}""");
            assertTrue(tooMany.endsWith("retries needs \"attempts\": 1 to 2 (the first and 1 retry), not 3"), tooMany);
        }

        @Test
        void burstsWithNothingToCountOrBoundsThatAreNot() throws IOException {
            String nothing = refusedScenario("""
                    {"kind": "burst", "invocations": 20}""");
            assertTrue(nothing.endsWith("check 1 ('n'): burst needs what to count: \"throttles\" or \"peakConcurrency\""
                    + " (or both), each as {\"min\": N, \"max\": N}"), nothing);
            String text = refusedScenario("""
                    {"kind": "burst", "invocations": 20, "throttles": {"min": "1"}}""");
            assertTrue(text.endsWith("burst's \"throttles\" is {\"min\": N, \"max\": N} (either may be left out),"
                    + " whole numbers, not {\"min\":\"1\"}"), text);
            String backwards = refusedScenario("""
                    {"kind": "burst", "invocations": 20, "peakConcurrency": {"min": 5, "max": 3}}""");
            assertTrue(backwards.endsWith("a bound is {\"min\": N} or {\"max\": N} or both, N 0 or more and min no"
                    + " more than max"), backwards);
            String reserved = refusedScenario("""
                    {"kind": "burst", "invocations": 20, "reservedConcurrency": "3", "throttles": {"min": 1}}""");
            assertTrue(reserved.endsWith("burst's \"reservedConcurrency\" is a whole number, not \"3\""), reserved);
            String many = refusedScenario("""
                    {"kind": "burst", "invocations": 51, "throttles": {"max": 0}}""");
            assertTrue(many.endsWith("burst needs 1 to 50 \"invocations\", not 51"), many);
        }

        @Test
        void aLazyLoadWithoutACallOrEventsOfBothKindsSayingWhatToWrite() throws IOException {
            String noCall = refusedScenario("""
                    {"kind": "lazyLoad", "common": [{"n": 1}], "needing": [{"n": 2}]}""");
            assertTrue(noCall.endsWith("lazyLoad needs \"call\": the rarely needed dependency's call through the faaslab"
                    + " module, as 'service.operation resource' (for example 'bucket.get archive'), not 'null'"), noCall);
            String notAList = refusedScenario("""
                    {"kind": "lazyLoad", "call": "queue.send q", "common": {"n": 1}, "needing": [{"n": 2}]}""");
            assertTrue(notAList.endsWith("lazyLoad's \"common\" must list events, as [{\"n\": 97}], not {\"n\":1}"),
                    notAList);
            String none = refusedScenario("""
                    {"kind": "lazyLoad", "call": "queue.send q", "common": [{"n": 1}], "needing": []}""");
            assertTrue(none.endsWith("lazyLoad needs 1 to 10 \"common\" events (that do not need the dependency) and"
                    + " 1 to 10 \"needing\" events (that do), not 1 and 0"), none);
            String crowd = refusedScenario("""
                    {"kind": "lazyLoad", "call": "queue.send q", "common": [{"n": 1}], "needing": [{"n": 2}],
                     "concurrent": 21}""");
            assertTrue(crowd.endsWith("lazyLoad's \"concurrent\" is 0 to 20, not 21"), crowd);
        }

        @Test
        void aLazyLoadOfABucketTheFixturesDoNotMake() throws IOException {
            String message = refusedScenario("""
                    {"kind": "lazyLoad", "call": "bucket.get archive", "common": [{"n": 1}], "needing": [{"n": 2}]}""");
            assertTrue(message.endsWith("lazyLoad's \"call\" reads the bucket 'archive', which \"fixtures\" does not"
                    + " make: add it there, with the dependency's data"), message);
        }

        @Test
        void answersThatCountNothingOrNameWhatIsNot() throws IOException {
            String nothing = refusedScenario("""
                    {"kind": "answers", "sequential": 5}""");
            assertTrue(nothing.endsWith("check 1 ('n'): answers needs something to check: \"distinct\", \"coldStarts\","
                    + " \"instances\", \"last\", \"echoes\" or \"fromPlatform\""), nothing);
            String none = refusedScenario("""
                    {"kind": "answers", "coldStarts": {"max": 1}}""");
            assertTrue(none.endsWith("answers needs \"sequential\" (0 to 100) and/or \"concurrent\" (0 to 50)"
                    + " invocations, at least one in all, not 0 and 0"), none);
            String misspelt = refusedScenario("""
                    {"kind": "answers", "sequential": 5, "distinctValues": {"$.id": "instances"}}""");
            assertTrue(misspelt.endsWith("answers has no field \"distinctValues\": it takes sequential, concurrent,"
                    + " waves, apartMs, freshInstances, events, distinct, coldStarts, instances, last, echoes, fromPlatform"), misspelt);
            String rule = refusedScenario("""
                    {"kind": "answers", "sequential": 5, "distinct": {"$.id": "instance"}}""");
            assertTrue(rule.endsWith("answers' \"distinct\" maps a JSON path to {\"min\": N, \"max\": N} or to"
                    + " \"instances\" (as many as the platform started), not \"instance\""), rule);
            String path = refusedScenario("""
                    {"kind": "answers", "sequential": 5, "distinct": {"requestId": {"min": 5}}}""");
            assertTrue(path.contains("answers' \"distinct\" names 'requestId', which is no JSON path such as"
                    + " $.requestId"), path);
            String platform = refusedScenario("""
                    {"kind": "answers", "sequential": 1, "fromPlatform": {"$.requestId": "awsRequestId"}}""");
            assertTrue(platform.endsWith("answers' \"fromPlatform\" maps an answer's JSON path to requestId,"
                    + " functionName or memoryMb, not \"awsRequestId\""), platform);
            String events = refusedScenario("""
                    {"kind": "answers", "sequential": 2, "events": {"user": "ada"}, "echoes": {"$.user": "$.user"}}""");
            assertTrue(events.endsWith("answers' \"events\" lists 1 to 50 events, sent in turn, as [{\"user\":"
                    + " \"ada\"}, {\"user\": \"grace\"}], not {\"user\":\"ada\"}"), events);
            String waves = refusedScenario("""
                    {"kind": "answers", "sequential": 2, "waves": 2, "coldStarts": {"max": 1}}""");
            assertTrue(waves.endsWith("answers' \"waves\" is 1 to 10 waves of the concurrent invocations (more than 1"
                    + " only with \"concurrent\"), not 2"), waves);
            String apart = refusedScenario("""
                    {"kind": "answers", "concurrent": 2, "apartMs": 5, "coldStarts": {"max": 1}}""");
            assertTrue(apart.endsWith("answers' \"apartMs\" is 0 to 1000 milliseconds between one sequential"
                    + " invocation's answer and the next (more than 0 only with 2 or more \"sequential\"), not 5"), apart);
            String bounds = refusedScenario("""
                    {"kind": "answers", "sequential": 2, "coldStarts": 1}""");
            assertTrue(bounds.endsWith("answers' \"coldStarts\" is {\"min\": N, \"max\": N} (either may be left"
                    + " out), whole numbers, not 1"), bounds);
        }
    }
}
