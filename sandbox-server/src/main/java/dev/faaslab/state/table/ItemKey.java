package dev.faaslab.state.table;

import java.math.BigDecimal;

/**
 * An item's address as the store keeps it (see V3's kv_items): the partition key's text, and the sort
 * key's ordering text ({@code ""} without a sort key) with its number for a numeric sort key.
 */
public record ItemKey(String partition, String sort, BigDecimal sortNumber) {
}
