package dev.faaslab.events.queue;

import dev.faaslab.core.InvalidInputException;

/**
 * A queue's settings, with SQS's names, limits and defaults. Validation happens here, once.
 *
 * @param visibilityTimeoutSeconds how long a received message stays hidden from other receivers (0 to 12 h)
 * @param messageRetentionSeconds  how long a message is kept before it is deleted unread (1 min to 14 days)
 * @param delaySeconds             how long a new message stays hidden before its first receive (0 to 15 min)
 * @param redrivePolicy            where a message goes after too many receives, or null
 */
public record QueueAttributes(int visibilityTimeoutSeconds, int messageRetentionSeconds, int delaySeconds,
                              RedrivePolicy redrivePolicy) {

    public static final int DEFAULT_VISIBILITY_TIMEOUT = 30;
    public static final int MAX_VISIBILITY_TIMEOUT = 43_200;
    /** SQS keeps messages four days unless told otherwise. */
    public static final int DEFAULT_RETENTION = 345_600;
    public static final int MIN_RETENTION = 60;
    public static final int MAX_RETENTION = 1_209_600;
    public static final int MAX_DELAY = 900;
    public static final QueueAttributes DEFAULT = new QueueAttributes(DEFAULT_VISIBILITY_TIMEOUT, DEFAULT_RETENTION,
            0, null);

    /**
     * SQS's redrive policy.
     *
     * @param deadLetterQueue the queue, in the same workspace, that receives the message
     * @param maxReceiveCount receives after which the next one moves the message there (1 to 1,000)
     */
    public record RedrivePolicy(String deadLetterQueue, int maxReceiveCount) {

        public static final int MAX_RECEIVE_COUNT = 1_000;

        public RedrivePolicy {
            Queue.checkName("the redrive policy's deadLetterQueue", deadLetterQueue);
            if (maxReceiveCount < 1 || maxReceiveCount > MAX_RECEIVE_COUNT) {
                throw new InvalidInputException("redrivePolicy", "the redrive policy's maxReceiveCount must be between 1 and "
                        + MAX_RECEIVE_COUNT + ", not " + maxReceiveCount);
            }
        }
    }

    public QueueAttributes {
        range("visibilityTimeoutSeconds", visibilityTimeoutSeconds, 0, MAX_VISIBILITY_TIMEOUT);
        range("messageRetentionSeconds", messageRetentionSeconds, MIN_RETENTION, MAX_RETENTION);
        range("delaySeconds", delaySeconds, 0, MAX_DELAY);
    }

    static void range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidInputException(field, field + " must be between " + min + " and " + max + ", not " + value);
        }
    }
}
