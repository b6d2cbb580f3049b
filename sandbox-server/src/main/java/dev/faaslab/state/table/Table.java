package dev.faaslab.state.table;

import java.time.Instant;

/**
 * A table: its name, its key attributes and their types, and how many items it holds.
 *
 * @param sortKey     null for a table whose items are addressed by the partition key alone
 * @param sortKeyType null when there is no sort key
 */
public record Table(String name, String partitionKey, KeyType partitionKeyType, String sortKey, KeyType sortKeyType,
                    long itemCount, Instant createdAt) {

    public boolean hasSortKey() {
        return sortKey != null;
    }

    /** Whether the two tables have the same key schema (name, attributes and types). */
    boolean sameKeys(Table other) {
        return name.equals(other.name) && partitionKey.equals(other.partitionKey)
                && partitionKeyType == other.partitionKeyType && java.util.Objects.equals(sortKey, other.sortKey)
                && sortKeyType == other.sortKeyType;
    }
}
