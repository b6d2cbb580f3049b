package dev.faaslab.grader;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.runtime.InvocationResult;
import dev.faaslab.runtime.sdk.Lineage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The same event delivered {@code deliveries} times leaves the effect of one delivery, as at-least-once delivery
 * demands. It is delivered once, and the {@code effects} read (items of the exercise's tables, or how many items a
 * table holds): one delivery must have changed them (to {@code equals}, where an effect names what it must be).
 * Then the instance that saw it is replaced, and it is delivered again, {@code deliveries - 1} times at once, as a
 * queue's redeliveries reach whichever instance is free, some of them concurrently: an instance's memory of what
 * it saw is no guard, and two duplicates at once must not both count. The effects must not have changed. The
 * platform's tables are read, never the function's log.
 */
record Idempotent(EventSpec event, int deliveries, List<Effect> effects) implements PlatformProbe {

    /** The duplicates go at once, a thread each: enough to meet several instances, few enough for a batch. */
    static final int MAX_DELIVERIES = 20;

    Idempotent {
        if (deliveries < 2 || deliveries > MAX_DELIVERIES || effects.isEmpty()) {
            throw new IllegalArgumentException("idempotent needs 2 to " + MAX_DELIVERIES
                    + " deliveries and at least one effect");
        }
        effects = List.copyOf(effects);
    }

    @Override
    public Verdict run(Trial trial) {
        // Events the function's own writes cause (into a bucket that invokes it) run at once, and are not retried
        // minutes later: the check waits for them before it reads the effects.
        trial.retryAsync(0, null);
        List<JsonNode> before = read(trial);
        List<InvocationResult> results = new ArrayList<>(List.of(trial.invoke(event)));
        Verdict failed = Trial.firstFailure(results, expected());
        if (failed != null) {
            return failed;
        }
        trial.awaitAsyncSettled(Lineage.MAX_INVOCATIONS, 0);
        List<JsonNode> once = read(trial);
        if (same(once, before)) {
            return Verdict.fail(expected(), "one delivery changed nothing: " + show(once), Trial.output(results));
        }
        for (int i = 0; i < effects.size(); i++) {
            if (!effects.get(i).holds(once.get(i))) {
                return Verdict.fail(expected(), "after one delivery " + effects.get(i).describe() + " is " + once.get(i)
                        + ", not " + effects.get(i).expected(), Trial.output(results));
            }
        }
        trial.replaceInstances();
        results.addAll(trial.invokeConcurrently(event, deliveries - 1));
        String output = Trial.output(results);
        failed = Trial.firstFailure(results, expected());
        if (failed != null) {
            return failed;
        }
        // A write into a bucket that invokes the function goes on asynchronously: its effects count too.
        trial.awaitAsyncSettled(deliveries * Lineage.MAX_INVOCATIONS, 0);
        List<JsonNode> after = read(trial);
        String actual = "after one delivery " + show(once) + "; after " + deliveries + ", " + show(after);
        return same(after, once) ? Verdict.pass(expected(), actual, output) : Verdict.fail(expected(), actual, output);
    }

    @Override
    public String expected() {
        return "the same event delivered " + deliveries + " times (once, then " + (deliveries - 1)
                + " at once to new instances) leaves " + effects.stream().map(Effect::describe).collect(Collectors.joining(" and "))
                + " as one delivery does" + effects.stream().filter(effect -> effect.expected() != null)
                .map(effect -> "; after one, " + effect.describe() + " = " + effect.expected())
                .collect(Collectors.joining(""));
    }

    @Override
    public String kind() {
        return "idempotent";
    }

    /** Item for item, numbers by value: a put that rewrites an item as it was is no second effect. */
    private static boolean same(List<JsonNode> a, List<JsonNode> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!Expectation.same(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private List<JsonNode> read(Trial trial) {
        return effects.stream().map(effect -> effect.read(trial)).toList();
    }

    private String show(List<JsonNode> values) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            shown.add(effects.get(i).describe() + " " + (values.get(i).isNull() ? "absent" : String.valueOf(values.get(i))));
        }
        return String.join(", ", shown);
    }
}
