package dev.faaslab.events.queue;

/**
 * A message as a receive hands it out.
 *
 * @param messageId                the message's UUID, the same on every receive
 * @param receiptHandle            this receive's handle: deleting the message needs the latest one
 * @param body                     the text sent
 * @param md5OfBody                the hex MD5 of the body's UTF-8 bytes, as SQS gives it
 * @param sentAtMillis             when it was sent (epoch milliseconds, SQS's SentTimestamp)
 * @param receiveCount             receives so far, this one included (ApproximateReceiveCount)
 * @param firstReceivedAtMillis    when it was first received (ApproximateFirstReceiveTimestamp)
 */
public record ReceivedMessage(String messageId, String receiptHandle, String body, String md5OfBody,
                              long sentAtMillis, int receiveCount, long firstReceivedAtMillis) {
}
