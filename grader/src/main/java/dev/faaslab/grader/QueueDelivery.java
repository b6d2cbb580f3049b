package dev.faaslab.grader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.faaslab.core.Identity;
import dev.faaslab.core.Json;
import dev.faaslab.events.queue.QueueCounts;
import dev.faaslab.events.queue.QueueService;
import dev.faaslab.events.queue.ReceivedMessage;
import dev.faaslab.events.queue.SqsEvent;
import dev.faaslab.metrics.FunctionMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A queue drained through the function, as an event source mapping delivers it: {@code count} good messages, and
 * the {@code poison} ones mixed in at fixed, spread positions, are sent to a fixture queue; the queue is mapped to
 * the function; once the platform is done with every message (each deleted, or moved to the dead-letter queue after
 * too many receives), the instances are replaced and {@code duplicates} of the good messages are sent again, as
 * SQS's at-least-once delivery may, and the platform is waited on again. Then the {@code effects} are read from the
 * tables, the dead-letter queue's messages counted, and the most batches the platform had in flight at once. All of
 * it is the platform's own reckoning, never the function's log; every wait is woken by the poller's polls.
 *
 * @param queue           the fixture queue the messages go to (it has a redrive policy, so a poison message ends)
 * @param count           the good messages, numbered 1 to {@code count}: {@code {n}} in the body's strings
 * @param body            the good messages' body, a JSON template
 * @param poison          the poison messages' bodies, each sent once
 * @param duplicates      how many good messages are sent a second time, after the first delivery is done
 * @param mapping         the event source mapping's settings
 * @param effects         what the tables must hold afterwards
 * @param deadLetters     the dead-letter queue and how many messages it must hold, or null
 * @param peakConcurrency the bounds on the function's invocations in flight at once, or null
 */
record QueueDelivery(String queue, int count, JsonNode body, List<JsonNode> poison, int duplicates,
                     QueueMapping mapping, List<Effect> effects, DeadLetterCount deadLetters,
                     Burst.Bounds peakConcurrency) implements PlatformProbe {

    static final int MAX_MESSAGES = 1000;
    /** Added to the bound on a wait: a loaded machine's slowness. It only stops a grade that would hang. */
    static final Duration ROOM = Duration.ofMinutes(2);

    /**
     * The event source mapping the check makes.
     *
     * @param batchSize               at most this many messages per invocation (1 to 10: more needs a batching
     *                                window, which a grade has no time for)
     * @param reportBatchItemFailures whether the function's {@code batchItemFailures} answer is read
     * @param maximumConcurrency      SQS's ScalingConfig: at most this many batches at once (2 to 1,000), or null
     */
    record QueueMapping(int batchSize, boolean reportBatchItemFailures, Integer maximumConcurrency) {

        QueueMapping {
            if (batchSize < 1 || batchSize > QueueService.MAX_RECEIVE) {
                throw new IllegalArgumentException("queue's \"mapping\".batchSize is 1 to " + QueueService.MAX_RECEIVE
                        + " (Lambda's default is 10), not " + batchSize);
            }
            if (maximumConcurrency != null && (maximumConcurrency < 2 || maximumConcurrency > 1000)) {
                throw new IllegalArgumentException("queue's \"mapping\".maximumConcurrency is 2 to 1000, as SQS's"
                        + " ScalingConfig, not " + maximumConcurrency);
            }
        }
    }

    /** The dead-letter queue, a fixture queue, and how many messages it must hold afterwards. */
    record DeadLetterCount(String queue, int count) {
    }

    QueueDelivery {
        if (count < 1 || count + poison.size() > MAX_MESSAGES) {
            throw new IllegalArgumentException("queue sends 1 to " + MAX_MESSAGES + " messages, good and poison"
                    + " together, not " + (count + poison.size()));
        }
        if (duplicates < 0 || duplicates > count) {
            throw new IllegalArgumentException("queue's \"duplicates\" is 0 to the good messages' count (" + count
                    + "), not " + duplicates);
        }
        if (effects.isEmpty() && deadLetters == null && peakConcurrency == null) {
            throw new IllegalArgumentException("queue needs something to check: \"effects\", \"deadLetters\" or"
                    + " \"peakConcurrency\"");
        }
        poison = List.copyOf(poison);
        effects = List.copyOf(effects);
    }

    /** An SQS event holding the first good message, as the mapping would deliver it: what a learner's run sends. */
    @Override
    public EventSpec event() {
        String text = good(1);
        ReceivedMessage message = new ReceivedMessage("m-1", "rh-m-1", text, QueueService.md5(text),
                1_767_225_600_000L, 1, 1_767_225_600_000L);
        return new EventSpec(SqsEvent.of(Identity.SANDBOX, queue, List.of(message)), false);
    }

    @Override
    public Verdict run(Trial trial) {
        send(trial, messages());
        String uuid = trial.mapQueue(queue, mapping);
        try {
            Duration bound = bound(trial, count + poison.size());
            if (!trial.awaitDrained(uuid, bound)) {
                return stillBusy(trial, bound);
            }
            if (duplicates > 0) {
                trial.replaceInstances();
                List<String> again = new ArrayList<>();
                for (int i = 0; i < duplicates; i++) {
                    again.add(good(1 + (int) ((long) i * count / duplicates)));
                }
                send(trial, again);
                if (!trial.awaitDrained(uuid, bound(trial, duplicates))) {
                    return stillBusy(trial, bound(trial, duplicates));
                }
            }
        } finally {
            trial.unmapQueue(uuid);
        }
        Effect.Readings read = Effect.Readings.of(effects, trial);
        List<String> readings = new ArrayList<>(read.readings());
        List<String> wrong = new ArrayList<>(read.wrong());
        if (deadLetters != null) {
            long parked = trial.messagesIn(deadLetters.queue());
            readings.add(deadLetters.queue() + " holds " + parked + " message" + (parked == 1 ? "" : "s"));
            if (parked != deadLetters.count()) {
                wrong.add(deadLetters.queue() + " should hold " + deadLetters.count());
            }
        }
        if (peakConcurrency != null) {
            int peak = trial.peakConcurrency(FunctionMetrics.RETAINED_SECONDS);
            readings.add("at most " + peak + " invocation" + (peak == 1 ? "" : "s") + " in flight at once");
            if (!peakConcurrency.holds(peak)) {
                wrong.add("in flight at once should be " + peakConcurrency.words());
            }
        }
        String actual = "after the platform delivered every message: " + String.join(", ", readings)
                + (wrong.isEmpty() ? "" : " (" + String.join("; ", wrong) + ")");
        String output = trial.loggedOutput();
        return wrong.isEmpty() ? Verdict.pass(expected(), actual, output) : Verdict.fail(expected(), actual, output);
    }

    /** Every message of the first round, the poison ones at fixed positions spread through the good ones. */
    List<String> messages() {
        int total = count + poison.size();
        List<String> messages = new ArrayList<>(total);
        int nextGood = 1;
        int nextPoison = 0;
        for (int position = 1; position <= total; position++) {
            // Poison i (from 1) goes at about i / (poison + 1) of the way: never first, never last.
            boolean poisonHere = nextPoison < poison.size()
                    && position == (int) ((long) (nextPoison + 1) * total / (poison.size() + 1));
            messages.add(poisonHere ? text(poison.get(nextPoison++)) : good(nextGood++));
        }
        return messages;
    }

    /** The good message numbered {@code n}: the body with {@code {n}} replaced in its strings. */
    String good(int n) {
        return text(numbered(body, Integer.toString(n)));
    }

    static JsonNode numbered(JsonNode node, String n) {
        if (node.isTextual()) {
            return TextNode.valueOf(node.textValue().replace("{n}", n));
        }
        if (node.isObject()) {
            ObjectNode copy = Json.MAPPER.createObjectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                copy.set(field.getKey(), numbered(field.getValue(), n));
            }
            return copy;
        }
        if (node.isArray()) {
            var copy = Json.MAPPER.createArrayNode();
            node.forEach(element -> copy.add(numbered(element, n)));
            return copy;
        }
        return node;
    }

    /** A message's body: a JSON string's text as it is (a body need not be JSON), anything else as JSON. */
    private static String text(JsonNode node) {
        return node.isTextual() ? node.textValue() : node.toString();
    }

    private void send(Trial trial, List<String> bodies) {
        for (String text : bodies) {
            trial.services().queues().send(trial.workspace(), queue, text, null);
        }
    }

    /**
     * The bound on a wait for {@code messages}: every batch failing on every receive, each taking the whole timeout
     * and then the visibility timeout, with room.
     */
    private Duration bound(Trial trial, int messages) {
        var attributes = trial.services().queues().queue(trial.workspace(), queue).attributes();
        int receives = attributes.redrivePolicy() == null ? 1 : attributes.redrivePolicy().maxReceiveCount() + 1;
        long batches = (messages + mapping.batchSize() - 1) / mapping.batchSize();
        return ROOM.plusSeconds(batches * receives * (trial.limits().timeoutSeconds()
                + attributes.visibilityTimeoutSeconds()));
    }

    private Verdict stillBusy(Trial trial, Duration bound) {
        QueueCounts counts = trial.services().queues().counts(trial.workspace(),
                trial.services().queues().queue(trial.workspace(), queue));
        return Verdict.fail(expected(), "after " + bound.toSeconds() + " s the platform still had " + counts.visible()
                + " message(s) waiting in " + queue + " and " + counts.inFlight() + " being handled",
                trial.loggedOutput());
    }

    @Override
    public String expected() {
        List<String> parts = new ArrayList<>();
        if (!effects.isEmpty()) {
            parts.add(Effect.expected(effects));
        }
        if (deadLetters != null) {
            parts.add(deadLetters.queue() + " holds " + deadLetters.count());
        }
        if (peakConcurrency != null) {
            parts.add(peakConcurrency.words() + " in flight at once");
        }
        return count + " messages" + (poison.isEmpty() ? "" : " and " + poison.size() + " poison ("
                + poison.stream().map(QueueDelivery::text).collect(Collectors.joining(", ")) + ")")
                + (duplicates == 0 ? "" : ", then " + duplicates + " delivered again") + " through " + queue
                + " in batches of " + mapping.batchSize() + (mapping.reportBatchItemFailures()
                ? " with ReportBatchItemFailures" : " without ReportBatchItemFailures") + ": "
                + String.join(", ", parts);
    }

    @Override
    public String kind() {
        return "queue";
    }
}
