package dev.faaslab.grader;

import dev.faaslab.metrics.FunctionMetrics;
import dev.faaslab.runtime.sdk.Lineage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One invocation per upload: the objects are stored in a bucket that the fixtures subscribe the function to, and
 * once the platform has finished every asynchronous event that followed (woken as each finishes), it must have run
 * the function exactly once per object, each run a success. A function that writes its output into the bucket
 * that invokes it, under keys the subscription matches, invokes itself again: the platform counts those
 * invocations too, and stops the chain after {@value Lineage#MAX_INVOCATIONS}. The counts are the platform's,
 * never what the function logs.
 *
 * @param event   the check's own event, unused here (a learner's run before submitting starts from it)
 * @param bucket  the subscribed fixture bucket
 * @param objects each key with its text, uploaded in this order
 */
record Uploads(EventSpec event, String bucket, Map<String, String> objects) implements PlatformProbe {

    /** Enough to show a pattern, few enough that a loop of each stays short. */
    static final int MAX_OBJECTS = 10;

    Uploads {
        if (objects.isEmpty() || objects.size() > MAX_OBJECTS) {
            throw new IllegalArgumentException("uploads needs 1 to " + MAX_OBJECTS + " objects");
        }
        objects = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(objects));
    }

    @Override
    public Verdict run(Trial trial) {
        // A failed event is not retried a minute later: an error counts as it is, and the grade does not wait.
        trial.retryAsync(0, null);
        objects.forEach((key, text) -> trial.services().buckets().put(trial.workspace(), bucket, key,
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "text/plain; charset=utf-8",
                "127.0.0.1"));
        trial.awaitAsyncSettled(objects.size() * Lineage.MAX_INVOCATIONS, 0);
        FunctionMetrics.Totals totals = trial.platform().totals(trial.workspace(), trial.function());
        String actual = objects.size() + " upload" + (objects.size() == 1 ? "" : "s") + " made " + totals.invocations()
                + " invocation" + (totals.invocations() == 1 ? "" : "s")
                + (totals.errors() == 0 ? "" : ", " + totals.errors() + " of them failed")
                + (totals.recursiveInvocationsDropped() == 0 ? "" : "; the platform stopped a recursive loop "
                + totals.recursiveInvocationsDropped() + " time" + (totals.recursiveInvocationsDropped() == 1 ? "" : "s")
                + ": the function writes into the bucket that invokes it");
        boolean once = totals.invocations() == objects.size() && totals.errors() == 0
                && totals.recursiveInvocationsDropped() == 0;
        String output = trial.loggedOutput();
        return once ? Verdict.pass(expected(), actual, output) : Verdict.fail(expected(), actual, output);
    }

    @Override
    public String expected() {
        return objects.size() + " object" + (objects.size() == 1 ? "" : "s") + " uploaded to " + bucket
                + " invoke the function exactly " + (objects.size() == 1 ? "once" : objects.size() + " times")
                + ", one successful invocation per upload";
    }

    @Override
    public String kind() {
        return "uploads";
    }
}
