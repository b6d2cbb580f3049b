package dev.faaslab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faaslab.core.Json;
import dev.faaslab.runtime.Language;
import java.io.IOException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The settings a submission writes beside its code ({@code export const config = {…}}, Python's {@code config =
 * {…}}), read by the language's own parser on the platform as a literal, never run; refused with the line when
 * they are not one, or name a setting there is not. PlatformCountedChecksTest grades with one.
 */
@DisplayName("A submission's config")
class SubmissionConfigTest {

    static final SourceAnalyzer analyzer = new SourceAnalyzer(SharedSandbox.get().platform());

    static SubmissionConfig read(Language language, String code) {
        String handler = language == Language.NODEJS ? "index.handler" : "lambda_function.lambda_handler";
        SourceAnalysis analysis = analyzer.analyze(language, handler, code);
        SourceOutline outline = assertInstanceOf(SourceAnalysis.Read.class, analysis, analysis.toString()).outline();
        return SubmissionConfig.of(outline, language == Language.NODEJS ? "index.mjs" : "lambda_function.py");
    }

    static String refusal(Language language, String code) {
        return assertThrows(SubmissionConfig.Refused.class, () -> read(language, code)).getMessage();
    }

    @Nested
    @DisplayName("in JavaScript")
    class JavaScript {

        @Test
        @DisplayName("is the exported literal object, its numbers as written")
        void readsTheExportedLiteral() {
            assertEquals(new SubmissionConfig(5, null, 10), read(Language.NODEJS, """
                    export const config = { maximumConcurrency: 5, 'batchSize': 10 };
                    export const handler = async () => 1;
                    """));
            assertEquals(new SubmissionConfig(null, 3, null), read(Language.NODEJS, """
                    exports.config = { reservedConcurrency: 3 };
                    exports.handler = async () => 1;
                    """));
        }

        @Test
        @DisplayName("is none when the module exports none (a config it keeps to itself is its own business)")
        void noneWithoutAnExport() {
            assertEquals(SubmissionConfig.NONE, read(Language.NODEJS, "export const handler = async () => 1;"));
            assertEquals(SubmissionConfig.NONE, read(Language.NODEJS, """
                    const config = { maximumConcurrency: 5 };
                    export const handler = async () => config;
                    """));
        }

        @Test
        @DisplayName("refuses a value that is not written out, with the file, the line and what to write")
        void refusesANonLiteral() {
            String message = refusal(Language.NODEJS, """
                    const limit = 5;
                    export const config = {
                      maximumConcurrency: limit,
                    };
                    export const handler = async () => 1;
                    """);
            assertTrue(message.startsWith("index.mjs:3: config must be written out as a literal object, but line 3"
                    + " has a variable in it"), message);
            assertTrue(message.contains("export const config = { maximumConcurrency: 5 };"), message);
        }
    }

    @Nested
    @DisplayName("in Python")
    class Python {

        @Test
        @DisplayName("is the module-level literal dict")
        void readsTheLiteral() {
            assertEquals(new SubmissionConfig(5, null, null), read(Language.PYTHON, """
                    config = {'maximumConcurrency': 5}

                    def lambda_handler(event, context):
                        return 1
                    """));
        }

        @Test
        @DisplayName("refuses a value that is not written out, with the line")
        void refusesANonLiteral() {
            String message = refusal(Language.PYTHON, """
                    LIMIT = 5
                    config = {'maximumConcurrency': LIMIT}

                    def lambda_handler(event, context):
                        return 1
                    """);
            assertTrue(message.startsWith("lambda_function.py:2: config must be written out as a literal dict, but"
                    + " line 2 has a variable in it"), message);
            assertTrue(message.contains("config = {'maximumConcurrency': 5}"), message);
        }
    }

    @Test
    @DisplayName("refuses a setting there is not, naming the ones there are")
    void refusesAnUnknownSetting() {
        String message = refusal(Language.NODEJS, """
                export const config = { maxConcurrency: 5 };
                export const handler = async () => 1;
                """);
        assertTrue(message.startsWith("index.mjs:1: config.maxConcurrency is not a setting the platform reads."),
                message);
        assertTrue(message.contains("maximumConcurrency: how many batches") && message.contains("reservedConcurrency:")
                && message.contains("batchSize:"), message);
    }

    @Test
    @DisplayName("refuses a value out of Lambda's range, saying the range")
    void refusesOutOfRange() {
        String message = refusal(Language.PYTHON, """
                config = {'maximumConcurrency': 1}

                def lambda_handler(event, context):
                    return 1
                """);
        assertTrue(message.startsWith("lambda_function.py:1: config.maximumConcurrency is a whole number from 2 to"
                + " 1000, not 1."), message);
    }

    @Test
    @DisplayName("wins over a check's queue trigger settings, which stand where it says nothing")
    void winsOverTheMapping() {
        var manifest = new QueueDelivery.QueueMapping(10, true, 8);
        assertEquals(new QueueDelivery.QueueMapping(10, true, 5), new SubmissionConfig(5, null, null).over(manifest));
        assertEquals(new QueueDelivery.QueueMapping(4, true, 8), new SubmissionConfig(null, null, 4).over(manifest));
        assertEquals(manifest, SubmissionConfig.NONE.over(manifest));
    }
}
