package dev.faaslab.events.queue;

import dev.faaslab.core.InvalidInputException;
import java.time.Instant;
import java.util.List;

/**
 * A queue that triggers a function, as Lambda's event source mapping for SQS.
 *
 * @param uuid                         its id
 * @param queue                        the queue polled
 * @param function                     the function invoked
 * @param qualifier                    {@code $LATEST} or a version number; null means {@code $LATEST}
 * @param batchSize                    at most this many messages per invocation (1 to 10,000)
 * @param maximumBatchingWindowSeconds how long to gather a fuller batch before invoking (0 to 300)
 * @param functionResponseTypes        empty, as Lambda's default, or {@code [ReportBatchItemFailures]}: only
 *                                     then is the function's {@code batchItemFailures} answer read
 * @param maximumConcurrency           Lambda's {@code ScalingConfig.MaximumConcurrency}: at most this many batches
 *                                     of the queue in functions at once (2 to 1,000), or null for no bound but
 *                                     the poller's own (see {@link QueuePoller#MAX_CONCURRENT_BATCHES})
 * @param enabled                      whether the queue is polled
 * @param createdAt                    when it was created
 * @param updatedAt                    when it last changed
 */
public record EventSourceMapping(String uuid, String queue, String function, String qualifier, int batchSize,
                                 int maximumBatchingWindowSeconds, List<String> functionResponseTypes,
                                 Integer maximumConcurrency, boolean enabled, Instant createdAt, Instant updatedAt) {

    public static final int DEFAULT_BATCH_SIZE = 10;
    public static final int MAX_BATCH_SIZE = 10_000;
    public static final int MAX_BATCHING_WINDOW = 300;
    /** Lambda's bounds on {@code ScalingConfig.MaximumConcurrency}: fewer than 2 would starve the queue. */
    public static final int MIN_MAXIMUM_CONCURRENCY = 2;
    public static final int MAX_MAXIMUM_CONCURRENCY = 1_000;
    /** The one function response type Lambda has for SQS: read the function's {@code batchItemFailures}. */
    public static final String REPORT_BATCH_ITEM_FAILURES = "ReportBatchItemFailures";
    /** How to turn on partial batch responses, in the API's words. */
    public static final String HOW_TO_REPORT = "\"functionResponseTypes\":[\"" + REPORT_BATCH_ITEM_FAILURES + "\"]";

    public EventSourceMapping {
        Queue.checkName("the queue", queue);
        QueueAttributes.range("batchSize", batchSize, 1, MAX_BATCH_SIZE);
        QueueAttributes.range("maximumBatchingWindowSeconds", maximumBatchingWindowSeconds, 0, MAX_BATCHING_WINDOW);
        if (batchSize > 10 && maximumBatchingWindowSeconds < 1) {
            throw new InvalidInputException("batchSize", "a batchSize over 10 (here " + batchSize + ") needs a"
                    + " maximumBatchingWindowSeconds of at least 1, as on Lambda: set one, or a batchSize of 10 or less");
        }
        if (maximumConcurrency != null && (maximumConcurrency < MIN_MAXIMUM_CONCURRENCY
                || maximumConcurrency > MAX_MAXIMUM_CONCURRENCY)) {
            throw new InvalidInputException("scalingConfig", "scalingConfig.maximumConcurrency must be between "
                    + MIN_MAXIMUM_CONCURRENCY + " and " + MAX_MAXIMUM_CONCURRENCY + ", as on Lambda, not "
                    + maximumConcurrency + ": to stop the trigger set \"enabled\":false, and to remove the bound"
                    + " send \"scalingConfig\":{}");
        }
        functionResponseTypes = functionResponseTypes == null ? List.of() : List.copyOf(functionResponseTypes);
        readsItemFailures(functionResponseTypes);
    }

    /** Whether the function's {@code batchItemFailures} answer is read (Lambda's ReportBatchItemFailures). */
    public boolean reportBatchItemFailures() {
        return !functionResponseTypes.isEmpty();
    }

    /**
     * Whether a mapping (of a queue or of a table's stream) with these function response types reads the
     * function's {@code batchItemFailures}: Lambda has one type, so the list is empty or names it alone.
     *
     * @throws InvalidInputException for any other list
     */
    public static boolean readsItemFailures(List<String> functionResponseTypes) {
        if (!functionResponseTypes.isEmpty() && !functionResponseTypes.equals(List.of(REPORT_BATCH_ITEM_FAILURES))) {
            throw new InvalidInputException("functionResponseTypes", "functionResponseTypes is a list that is either"
                    + " empty (the function's batchItemFailures answer is ignored, Lambda's default) or ["
                    + "\"" + REPORT_BATCH_ITEM_FAILURES + "\"] (only the ones it names come back), not "
                    + functionResponseTypes + ": write " + HOW_TO_REPORT + " or \"functionResponseTypes\":[]");
        }
        return !functionResponseTypes.isEmpty();
    }

    /** The function response types of a mapping that does, or does not, read {@code batchItemFailures}. */
    public static List<String> responseTypes(boolean reportBatchItemFailures) {
        return reportBatchItemFailures ? List.of(REPORT_BATCH_ITEM_FAILURES) : List.of();
    }

    /** The mapping with new settings (the queue and function stay). */
    public EventSourceMapping with(int newBatchSize, int newWindow, List<String> newResponseTypes,
                                   Integer newMaximumConcurrency, boolean newEnabled, String newQualifier, Instant at) {
        return new EventSourceMapping(uuid, queue, function, newQualifier, newBatchSize, newWindow, newResponseTypes,
                newMaximumConcurrency, newEnabled, createdAt, at);
    }
}
