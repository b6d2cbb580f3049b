package dev.faaslab.events.queue;

/**
 * A message accepted by a queue.
 *
 * @param messageId a new UUID
 * @param md5OfBody the hex MD5 of the body's UTF-8 bytes, for the sender to check
 */
public record SentMessage(String messageId, String md5OfBody) {
}
