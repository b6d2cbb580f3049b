package dev.faaslab.grader;

import static dev.faaslab.grader.PlatformCountedChecksTest.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks that wire an event source to the function, a queue or a table's change stream, and read what the
 * platform did with every message or record: the tables' items, the dead-letter queue's messages, the most
 * invocations in flight. Right code passes, and code that gets the concept wrong fails, whatever it logs.
 */
@DisplayName("Checks through an event source")
class QueueAndStreamChecksTest {

    @TempDir
    static Path root;

    static Exercise exercise(String id, String fixtures, String check) throws IOException {
        return PlatformCountedChecksTest.exercise(root, id, fixtures, check);
    }

    static final String QUEUE_FIXTURES = """
            {"tables": {"seen": {"partitionKey": "id"}, "totals": {"partitionKey": "item"}},
             "queues": {"orders": {"visibilityTimeout": 1, "redrive": {"deadLetterQueue": "orders-dlq", "maxReceiveCount": 2}},
                        "orders-dlq": {}}}""";

    @Nested
    @DisplayName("queue, draining a real queue through an event source mapping,")
    class QueueDrained {

        static Exercise exercise;

        /** Counts an order once (a conditional put first), and reports a message it cannot read. */
        static final String RIGHT = """
                import { table } from 'faaslab';
                async function countOnce(order) {
                  if (!Number.isInteger(order.quantity)) throw new Error('not an order');
                  try {
                    await table('seen').put({ id: order.id }, { ifAbsent: true });
                  } catch (error) {
                    if (error.name === 'ConditionalCheckFailedException') return;
                    throw error;
                  }
                  await table('totals').increment({ item: order.item }, 'ordered', order.quantity);
                }
                export const handler = async (event) => {
                  const batchItemFailures = [];
                  for (const record of event.Records) {
                    try {
                      await countOnce(JSON.parse(record.body));
                    } catch (error) {
                      batchItemFailures.push({ itemIdentifier: record.messageId });
                    }
                  }
                  return { batchItemFailures };
                };
                """;

        @BeforeAll
        static void anExerciseCountingQueuedOrders() throws IOException {
            exercise = exercise("queue", QUEUE_FIXTURES, """
                    {"name": "counts each order once, parks the poison", "points": 3,
                     "scenario": {"kind": "queue", "queue": "orders",
                       "messages": {"count": 12, "body": {"id": "o-{n}", "item": "tea", "quantity": 1}},
                       "poison": [{"id": "bad-1", "item": "tea", "quantity": "lots"}],
                       "duplicates": 2,
                       "mapping": {"batchSize": 5, "reportBatchItemFailures": true, "maximumConcurrency": 5},
                       "effects": [{"table": "seen", "count": 12},
                                   {"table": "totals", "key": {"item": "tea"}, "equals": {"item": "tea", "ordered": 12}}],
                       "deadLetters": {"queue": "orders-dlq", "count": 1},
                       "peakConcurrency": {"max": 5}}}""");
        }

        @Test
        @DisplayName("passes code that reports the poison message and counts each order once")
        void passesRightCode() {
            CheckResult result = only(exercise, RIGHT);
            assertEquals(CheckStatus.PASS, result.status(), result.verdict().actual());
            assertTrue(result.verdict().actual().contains("the items in seen = 12, totals {\"item\":\"tea\"} = "
                    + "{\"item\":\"tea\",\"ordered\":12}, orders-dlq holds 1 message"), result.verdict().actual());
        }

        @Test
        @DisplayName("fails code that catches every error: the poison message is deleted, never parked")
        void failsCatchingEveryError() {
            CheckResult result = only(exercise, RIGHT.replace(
                    "batchItemFailures.push({ itemIdentifier: record.messageId });", "console.log('FAILED');"));
            assertEquals(CheckStatus.FAIL, result.status(), result.verdict().actual());
            assertTrue(result.verdict().actual().contains("orders-dlq holds 0 messages"), result.verdict().actual());
        }

        @Test
        @DisplayName("fails code that counts a message delivered again a second time")
        void failsCountingDuplicates() {
            CheckResult result = only(exercise, RIGHT.replace("{ ifAbsent: true }", "{}"));
            assertEquals(CheckStatus.FAIL, result.status(), result.verdict().actual());
            assertTrue(result.verdict().actual().contains("\"ordered\":14"), result.verdict().actual());
        }

        @Test
        @DisplayName("fails code that throws the whole batch on one poison message: its good messages are parked too")
        void failsThrowingTheBatch() {
            CheckResult result = only(exercise, RIGHT.replace("""
                        try {
                          await countOnce(JSON.parse(record.body));
                        } catch (error) {
                          batchItemFailures.push({ itemIdentifier: record.messageId });
                        }
                    """, "      await countOnce(JSON.parse(record.body));\n"));
            assertEquals(CheckStatus.FAIL, result.status(), result.verdict().actual());
            assertTrue(result.verdict().actual().matches(".*orders-dlq holds [2-5] messages.*"), result.verdict().actual());
        }
    }

    @Nested
    @DisplayName("stream, handing a table's changes to the function,")
    class StreamHandedOver {

        static Exercise exercise;

        static final String INSERTS_ONLY = """
                import { table } from 'faaslab';
                export const handler = async (event) => {
                  for (const record of event.Records) {
                    if (record.eventName !== 'INSERT') continue;
                    await table('counts').increment({ item: record.dynamodb.NewImage.item.S }, 'orders', 1);
                  }
                  return {};
                };
                """;

        @BeforeAll
        static void anExerciseCountingNewOrders() throws IOException {
            exercise = exercise("stream", """
                    {"tables": {"orders": {"partitionKey": "orderId", "stream": "NEW_AND_OLD_IMAGES"},
                                "counts": {"partitionKey": "item"}}}""", """
                    {"name": "counts each insert once", "points": 2,
                     "scenario": {"kind": "stream", "table": "orders",
                       "item": {"orderId": "s-{n}", "item": "tea"},
                       "changes": {"inserts": 6, "modifies": 2, "removes": 2, "change": {"status": "packed"}},
                       "mapping": {"batchSize": 4, "maximumRetryAttempts": 1},
                       "effects": [{"table": "counts", "key": {"item": "tea"}, "equals": {"item": "tea", "orders": 6}},
                                   {"table": "orders", "count": 4}]}}""");
        }

        @Test
        @DisplayName("passes code that counts the INSERT records only")
        void passesInsertsOnly() {
            CheckResult result = only(exercise, INSERTS_ONLY);
            assertEquals(CheckStatus.PASS, result.status(), result.verdict().actual());
        }

        @Test
        @DisplayName("fails code that counts every change, MODIFY and REMOVE too")
        void failsEveryChange() {
            CheckResult result = only(exercise, INSERTS_ONLY.replace("if (record.eventName !== 'INSERT') continue;", "")
                    .replace("record.dynamodb.NewImage.item.S",
                            "(record.dynamodb.NewImage ?? record.dynamodb.OldImage).item.S"));
            assertEquals(CheckStatus.FAIL, result.status(), result.verdict().actual());
            assertTrue(result.verdict().actual().contains("\"orders\":10"), result.verdict().actual());
        }

        @Test
        @DisplayName("fails code that only logs, whatever it logs")
        void failsLogging() {
            CheckResult result = only(exercise, "export const handler = async (event) => {"
                    + " console.log('counted', event.Records.length); return {}; };");
            assertEquals(CheckStatus.FAIL, result.status(), result.verdict().actual());
            assertTrue(result.verdict().actual().contains("counts {\"item\":\"tea\"} absent"), result.verdict().actual());
        }
    }

    @Nested
    @DisplayName("refuse a manifest")
    class Refusals {

        @Test
        @DisplayName("whose queue has no dead-letter queue, since a poison message would keep the grade waiting")
        void queueWithoutRedrive() {
            ExerciseException e = assertThrows(ExerciseException.class, () -> exercise("no-redrive",
                    "{\"queues\": {\"orders\": {}}}", """
                    {"name": "n", "points": 1, "scenario": {"kind": "queue", "queue": "orders",
                     "messages": {"count": 3, "body": {"id": "o-{n}"}}, "deadLetters": {"queue": "x", "count": 0}}}"""));
            assertTrue(e.getMessage().contains("the fixture queue 'orders' needs a redrive policy"), e.getMessage());
        }

        @Test
        @DisplayName("whose stream's table has no stream")
        void tableWithoutStream() {
            ExerciseException e = assertThrows(ExerciseException.class, () -> exercise("no-stream",
                    "{\"tables\": {\"orders\": {\"partitionKey\": \"orderId\"}}}", """
                    {"name": "n", "points": 1, "scenario": {"kind": "stream", "table": "orders",
                     "item": {"orderId": "s-{n}"}, "changes": {"inserts": 2}, "effects": [{"table": "orders", "count": 2}]}}"""));
            assertTrue(e.getMessage().contains("must be a fixture table with a stream"), e.getMessage());
        }

        @Test
        @DisplayName("whose stream's items would all be one item")
        void itemsWithoutNumber() {
            ExerciseException e = assertThrows(ExerciseException.class, () -> exercise("one-item",
                    "{\"tables\": {\"orders\": {\"partitionKey\": \"orderId\", \"stream\": \"NEW_IMAGE\"}}}", """
                    {"name": "n", "points": 1, "scenario": {"kind": "stream", "table": "orders",
                     "item": {"orderId": "s-1"}, "changes": {"inserts": 2}, "effects": [{"table": "orders", "count": 2}]}}"""));
            assertTrue(e.getMessage().contains("a string holding {n}"), e.getMessage());
        }
    }
}
