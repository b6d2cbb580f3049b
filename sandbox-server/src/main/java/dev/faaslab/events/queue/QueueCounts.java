package dev.faaslab.events.queue;

/**
 * SQS's approximate counts of a queue's messages (exact here: one database).
 *
 * @param visible  ready to be received (ApproximateNumberOfMessages)
 * @param inFlight received and not yet deleted, hidden until their visibility timeout ends
 *                 (ApproximateNumberOfMessagesNotVisible)
 * @param delayed  sent with a delay that has not ended (ApproximateNumberOfMessagesDelayed)
 */
public record QueueCounts(long visible, long inFlight, long delayed) {
}
