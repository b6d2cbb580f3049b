package dev.faaslab.grader;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.core.Json;
import dev.faaslab.state.bucket.Buckets;
import dev.faaslab.state.table.Tables;
import java.util.ArrayList;
import java.util.List;

/**
 * What the function's work leaves behind, read by a check from the platform itself, never from the function's
 * log: an item of a fixture table (absent or not), how many items a table holds, or how many objects a fixture
 * bucket holds (a duplicate delivery that writes under a new key leaves one object more).
 */
sealed interface Effect {

    /** What it must be (the item, or a count, as the manifest's {@code equals} or {@code count}); null when the check only compares readings (any change will do). */
    JsonNode expected();

    JsonNode read(Trial trial);

    String describe();

    /** Whether {@code reading} is what it must be (numbers by value). */
    default boolean holds(JsonNode reading) {
        return expected() == null || Expectation.same(expected(), reading);
    }

    /** An item of a table, or ({@code key} null) the number of items the table holds. */
    record Item(String table, JsonNode key, JsonNode expected) implements Effect {

        @Override
        public JsonNode read(Trial trial) {
            Tables tables = trial.services().tables();
            if (key == null) {
                return Json.MAPPER.getNodeFactory().numberNode(tables.describe(trial.workspace(), table).itemCount());
            }
            return tables.get(trial.workspace(), table, key).map(item -> (JsonNode) Tables.item(item))
                    .orElse(Json.MAPPER.nullNode());
        }

        @Override
        public String describe() {
            return key == null ? "the items in " + table : table + " " + key;
        }
    }

    /** The number of objects a bucket holds under {@code prefix} ({@code ""} for all). */
    record Objects(String bucket, String prefix, JsonNode expected) implements Effect {

        @Override
        public JsonNode read(Trial trial) {
            int count = 0;
            String token = null;
            do {
                Buckets.Listing page = trial.services().buckets().list(trial.workspace(), bucket,
                        prefix.isEmpty() ? null : prefix, null, null, token);
                count += page.objects().size();
                token = page.nextContinuationToken();
            } while (token != null);
            return Json.MAPPER.getNodeFactory().numberNode(count);
        }

        @Override
        public String describe() {
            return "the objects in " + bucket + (prefix.isEmpty() ? "" : " under " + prefix);
        }
    }

    /** {@code the items in orders = 97}, {@code totals {"item":"tea"} absent}. */
    static String show(Effect effect, JsonNode reading) {
        return effect.describe() + (reading.isNull() ? " absent" : " = " + reading);
    }

    /**
     * The effects read after a run: each reading in words, and each effect that is not what it must be.
     *
     * @param readings {@code the items in orders = 97}, one an effect
     * @param wrong    {@code totals {"item":"tea"} should be {…}}, one a failed effect
     */
    record Readings(List<String> readings, List<String> wrong) {

        static Readings of(List<Effect> effects, Trial trial) {
            List<String> readings = new ArrayList<>();
            List<String> wrong = new ArrayList<>();
            for (Effect effect : effects) {
                JsonNode reading = effect.read(trial);
                readings.add(show(effect, reading));
                if (!effect.holds(reading)) {
                    wrong.add(effect.describe() + " should be " + effect.expected());
                }
            }
            return new Readings(readings, wrong);
        }

        /** The readings, and then what is wrong, for a verdict's {@code actual}. */
        String words(String after) {
            return after + String.join(", ", readings) + (wrong.isEmpty() ? "" : " (" + String.join("; ", wrong) + ")");
        }
    }

    /** What the effects must be, in words: {@code the items in orders = 97, totals {…} changed}. */
    static String expected(List<Effect> effects) {
        return String.join(", ", effects.stream().map(effect -> effect.describe() + (effect.expected() == null
                ? " changed" : " = " + effect.expected())).toList());
    }
}
