package dev.faaslab.events.stream;

/**
 * A change as its table's stream keeps it.
 *
 * @param sequence        its number in the table's stream: records of a table, and so of an item, in order
 * @param eventId         DynamoDB's eventID, unique
 * @param createdAtMillis when the write was made, by the platform's clock
 */
public record StreamRecord(long sequence, String eventId, long createdAtMillis, StreamChange change) {

    /** DynamoDB's sequence numbers are decimal strings; these are zero-padded so that text order is number order. */
    public String sequenceNumber() {
        return sequenceNumber(sequence);
    }

    public static String sequenceNumber(long sequence) {
        return String.format("%021d", sequence);
    }
}
