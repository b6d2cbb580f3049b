package dev.faaslab.events.stream;

import dev.faaslab.core.InvalidInputException;
import java.time.Instant;

/**
 * A table's stream that triggers a function, as Lambda's event source mapping for DynamoDB Streams.
 *
 * @param qualifier                  {@code $LATEST} or a version number; null means {@code $LATEST}
 * @param batchSize                  at most this many records per invocation (1 to 10,000)
 * @param startingPosition           where a new mapping starts reading
 * @param maximumRetryAttempts       retries of a failing batch before it is given up (-1: until its records
 *                                   expire, Lambda's default)
 * @param bisectBatchOnFunctionError whether a failing batch is split in two and each half retried
 * @param onFailureQueue             the queue told about a batch given up, or null
 * @param reportBatchItemFailures    whether the function's {@code batchItemFailures} answer is read
 *                                   (FunctionResponseTypes ReportBatchItemFailures; off by default, as on AWS)
 */
public record StreamMapping(String uuid, String table, String function, String qualifier, int batchSize,
                            StartingPosition startingPosition, int maximumRetryAttempts,
                            boolean bisectBatchOnFunctionError, String onFailureQueue, boolean reportBatchItemFailures,
                            boolean enabled, Instant createdAt) {

    public static final int DEFAULT_BATCH_SIZE = 100;
    public static final int MAX_BATCH_SIZE = 10_000;
    public static final int MAX_RETRY_ATTEMPTS = 10_000;

    /** Lambda's starting positions for a stream (AT_TIMESTAMP is Kinesis's only). */
    public enum StartingPosition { TRIM_HORIZON, LATEST }

    public StreamMapping {
        range("batchSize", batchSize, 1, MAX_BATCH_SIZE);
        range("maximumRetryAttempts", maximumRetryAttempts, -1, MAX_RETRY_ATTEMPTS);
    }

    private static void range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidInputException(field, field + " must be between " + min + " and " + max + ", not " + value);
        }
    }

    /** Whether a batch that failed {@code attempts} times is given up (its retries are exhausted). */
    boolean exhausted(int attempts) {
        return maximumRetryAttempts >= 0 && attempts > maximumRetryAttempts;
    }
}
