package dev.faaslab.events.stream;

/**
 * A table's stream: whether it is on, its view type, its label (when it was first turned on, as the ARN
 * names it) and the number of its latest record (0 before any).
 */
public record TableStream(String table, StreamViewType viewType, boolean enabled, String label, long lastSequence) {

    /** {@code arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL}. */
    public String arn(dev.faaslab.core.Identity identity) {
        return identity.tableStreamArn(table, label);
    }
}
