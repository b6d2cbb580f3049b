package dev.faaslab.state.table;

/**
 * What one workspace may keep in tables.
 *
 * @param maxTables        tables per workspace
 * @param maxItemsPerTable items in one table
 * @param maxItemBytes     one item's JSON in UTF-8, attribute names included (DynamoDB's 400 KB)
 */
public record TableLimits(int maxTables, long maxItemsPerTable, int maxItemBytes) {

    public static final TableLimits DEFAULT = new TableLimits(50, 100_000, 400 * 1024);
}
