package dev.faaslab.state.table;

import java.math.BigDecimal;

/**
 * Which items of a partition a query wants, in the store's terms (see V3's kv_items): a string sort key's
 * prefix or bounds as hex of UTF-8, a numeric sort key's bounds as numbers; null for no such condition.
 * Bounds are inclusive.
 */
public record SortRange(String prefixHex, String fromHex, String toHex, BigDecimal fromNumber, BigDecimal toNumber) {

    public static final SortRange ALL = new SortRange(null, null, null, null, null);
}
