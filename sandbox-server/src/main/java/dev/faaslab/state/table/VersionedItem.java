package dev.faaslab.state.table;

/** An item's JSON document as stored, and its version (1 when first written, one more with each change). */
public record VersionedItem(String document, long version) {
}
