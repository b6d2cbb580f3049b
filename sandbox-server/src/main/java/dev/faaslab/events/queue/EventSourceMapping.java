package dev.faaslab.events.queue;

import dev.faaslab.core.InvalidInputException;
import java.time.Instant;

/**
 * A queue that triggers a function, as Lambda's event source mapping for SQS.
 *
 * @param uuid                         its id
 * @param queue                        the queue polled
 * @param function                     the function invoked
 * @param qualifier                    {@code $LATEST} or a version number; null means {@code $LATEST}
 * @param batchSize                    at most this many messages per invocation (1 to 10,000)
 * @param maximumBatchingWindowSeconds how long to gather a fuller batch before invoking (0 to 300)
 * @param reportBatchItemFailures      whether the function's {@code batchItemFailures} answer is read
 *                                     (Lambda's FunctionResponseTypes ReportBatchItemFailures)
 * @param enabled                      whether the queue is polled
 * @param createdAt                    when it was created
 * @param updatedAt                    when it last changed
 */
public record EventSourceMapping(String uuid, String queue, String function, String qualifier, int batchSize,
                                 int maximumBatchingWindowSeconds, boolean reportBatchItemFailures, boolean enabled,
                                 Instant createdAt, Instant updatedAt) {

    public static final int DEFAULT_BATCH_SIZE = 10;
    public static final int MAX_BATCH_SIZE = 10_000;
    public static final int MAX_BATCHING_WINDOW = 300;

    public EventSourceMapping {
        Queue.checkName("the queue", queue);
        QueueAttributes.range("batchSize", batchSize, 1, MAX_BATCH_SIZE);
        QueueAttributes.range("maximumBatchingWindowSeconds", maximumBatchingWindowSeconds, 0, MAX_BATCHING_WINDOW);
        if (batchSize > 10 && maximumBatchingWindowSeconds < 1) {
            throw new InvalidInputException("batchSize", "a batchSize over 10 (here " + batchSize + ") needs a"
                    + " maximumBatchingWindowSeconds of at least 1, as on Lambda: set one, or a batchSize of 10 or less");
        }
    }

    /** The mapping with new settings (the queue and function stay). */
    public EventSourceMapping with(int newBatchSize, int newWindow, boolean newReport, boolean newEnabled,
                                   String newQualifier, Instant at) {
        return new EventSourceMapping(uuid, queue, function, newQualifier, newBatchSize, newWindow, newReport,
                newEnabled, createdAt, at);
    }
}
