package dev.faaslab.grader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.core.Json;
import dev.faaslab.events.stream.StreamMapping;
import dev.faaslab.state.table.Tables;
import java.time.Duration;
import java.util.List;

/**
 * A table's change stream drives the function, as Lambda's event source mapping for DynamoDB Streams: the check
 * changes a fixture table that has a stream, in this order: it inserts the items numbered 1 to {@code inserts}
 * ({@code {n}} in the item's strings), then modifies the first {@code modifies} of them (their item with
 * {@code change}'s attributes added), then removes the last {@code removes}. Then it maps the stream to the function
 * from its oldest record, waits until the platform has handed over every record (woken by the poller's polls; a
 * batch that keeps failing is given up after its retries), and reads the {@code effects} from the tables. What the
 * function logs counts for nothing.
 *
 * @param keys the table's keys, to address an item to remove
 */
record TableChanges(EventSpec event, String table, Fixtures.TableKeys keys, JsonNode item, int inserts,
                    int modifies, int removes, JsonNode change, StreamSettings settings, List<Effect> effects)
        implements PlatformProbe {

    static final int MAX_CHANGES = 1000;
    static final Duration ROOM = Duration.ofMinutes(2);

    /**
     * The stream mapping the check makes.
     *
     * @param batchSize                  records per invocation at most (1 to 10,000; Lambda's default 100)
     * @param maximumRetryAttempts       retries of a failing batch before it is given up (0 to 10: never Lambda's
     *                                   default, retrying until the records expire, which would hold a grade a day)
     * @param bisectBatchOnFunctionError whether a failing batch is split in two and each half retried
     * @param reportBatchItemFailures    whether the function's {@code batchItemFailures} answer is read
     */
    record StreamSettings(int batchSize, int maximumRetryAttempts, boolean bisectBatchOnFunctionError,
                          boolean reportBatchItemFailures) {

        StreamSettings {
            if (batchSize < 1 || batchSize > StreamMapping.MAX_BATCH_SIZE) {
                throw new IllegalArgumentException("stream's \"mapping\".batchSize is 1 to "
                        + StreamMapping.MAX_BATCH_SIZE + " (Lambda's default for a stream is 100), not " + batchSize);
            }
            if (maximumRetryAttempts < 0 || maximumRetryAttempts > 10) {
                throw new IllegalArgumentException("stream's \"mapping\".maximumRetryAttempts is 0 to 10 here (a grade"
                        + " cannot wait for Lambda's default, retrying until the records expire), not "
                        + maximumRetryAttempts);
            }
        }
    }

    TableChanges {
        if (inserts < 1 || inserts + modifies + removes > MAX_CHANGES) {
            throw new IllegalArgumentException("stream makes 1 to " + MAX_CHANGES + " changes, inserts, modifies and"
                    + " removes together, with at least one insert");
        }
        if (modifies < 0 || modifies > inserts || removes < 0 || removes > inserts) {
            throw new IllegalArgumentException("stream modifies and removes items it inserted: \"modifies\" and"
                    + " \"removes\" are 0 to \"inserts\" (" + inserts + ")");
        }
        if (effects.isEmpty()) {
            throw new IllegalArgumentException("stream needs \"effects\": what the tables hold once every change was"
                    + " handed over, as [{\"table\": \"counts\", \"key\": {\"item\": \"tea\"}, \"equals\": {…}}]");
        }
        effects = List.copyOf(effects);
    }

    @Override
    public Verdict run(Trial trial) {
        Tables tables = trial.services().tables();
        for (int n = 1; n <= inserts; n++) {
            tables.put(trial.workspace(), table, numbered(n), Tables.Condition.NONE);
        }
        for (int n = 1; n <= modifies; n++) {
            ObjectNode changed = numbered(n);
            changed.setAll((ObjectNode) change);
            tables.put(trial.workspace(), table, changed, Tables.Condition.NONE);
        }
        for (int n = inserts - removes + 1; n <= inserts; n++) {
            tables.delete(trial.workspace(), table, key(numbered(n)), null);
        }
        String uuid = trial.mapStream(table, settings);
        Duration bound = ROOM.plusSeconds((long) ((inserts + modifies + removes) / settings.batchSize() + 1)
                * (settings.maximumRetryAttempts() + 1) * (trial.limits().timeoutSeconds() + 1));
        try {
            if (!trial.awaitCaughtUp(uuid, bound)) {
                return Verdict.fail(expected(), "after " + bound.toSeconds() + " s the platform had not handed over"
                        + " every change of " + table, trial.loggedOutput());
            }
        } finally {
            trial.unmapStream(uuid);
        }
        Effect.Readings read = Effect.Readings.of(effects, trial);
        String actual = read.words("after the platform handed over every change: ");
        String output = trial.loggedOutput();
        return read.wrong().isEmpty() ? Verdict.pass(expected(), actual, output) : Verdict.fail(expected(), actual, output);
    }

    /** The item numbered {@code n}: {@code {n}} replaced in the template's strings. */
    private ObjectNode numbered(int n) {
        return (ObjectNode) Json.MAPPER.valueToTree(QueueDelivery.numbered(item, Integer.toString(n)));
    }

    private ObjectNode key(ObjectNode item) {
        ObjectNode key = Json.MAPPER.createObjectNode();
        key.set(keys.partitionKey(), item.get(keys.partitionKey()));
        if (keys.sortKey() != null) {
            key.set(keys.sortKey(), item.get(keys.sortKey()));
        }
        return key;
    }

    @Override
    public String expected() {
        return inserts + " inserts into " + table + ", then " + modifies + " modifies and " + removes
                + " removes, handed over by its stream in batches of " + settings.batchSize() + ": "
                + Effect.expected(effects);
    }

    @Override
    public String kind() {
        return "stream";
    }
}
