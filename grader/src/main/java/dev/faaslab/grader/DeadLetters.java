package dev.faaslab.grader;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An event the function cannot process ends in the on-failure queue, and a good one does not: the function must
 * fail (throw) on a {@code poison} event, so that the platform retries it and then parks it where someone can look
 * at it, and must handle the {@code good} ones. Every event is sent as an asynchronous invocation to the function
 * configured with an on-failure queue and {@code maximumRetryAttempts} retries; once the platform is done with all
 * of them, the records it put in the queue are read, and matched to the events by request id. The platform's queue
 * is read, never the function's log: a function that logs "failed" and returns has parked nothing.
 */
record DeadLetters(List<EventSpec> good, List<EventSpec> poison, int maximumRetryAttempts) implements PlatformProbe {

    /** The events go at once; the platform runs four asynchronous events at a time. */
    static final int MAX_EVENTS = 10;

    DeadLetters {
        good = List.copyOf(good);
        poison = List.copyOf(poison);
        if (good.size() + poison.size() < 1 || good.size() + poison.size() > MAX_EVENTS) {
            throw new IllegalArgumentException("deadLetters needs 1 to " + MAX_EVENTS + " events, \"good\" and "
                    + "\"poison\" together, not " + (good.size() + poison.size()));
        }
        if (maximumRetryAttempts < 0 || maximumRetryAttempts > 2) {
            throw new IllegalArgumentException("deadLetters' \"maximumRetryAttempts\" is 0, 1 or 2 (Lambda's limits), not "
                    + maximumRetryAttempts);
        }
    }

    /** The first event: what a learner's own run starts from. */
    @Override
    public EventSpec event() {
        return good.isEmpty() ? poison.getFirst() : good.getFirst();
    }

    @Override
    public Verdict run(Trial trial) {
        String queue = trial.sendFailuresToQueue(maximumRetryAttempts);
        try {
            Map<String, EventSpec> goodSent = new HashMap<>();
            Map<String, EventSpec> poisonSent = new HashMap<>();
            // Interleaved, so that a function cannot tell the poison from the order it arrives in.
            for (int i = 0; i < Math.max(good.size(), poison.size()); i++) {
                if (i < good.size()) {
                    goodSent.put(trial.invokeAsync(good.get(i)), good.get(i));
                }
                if (i < poison.size()) {
                    poisonSent.put(trial.invokeAsync(poison.get(i)), poison.get(i));
                }
            }
            trial.awaitAsyncSettled(good.size() + poison.size(), maximumRetryAttempts);
            List<String> wrong = new ArrayList<>();
            int poisonParked = 0;
            int goodParked = 0;
            for (JsonNode record : trial.queueRecords(queue)) {
                String requestId = record.path("requestContext").path("requestId").asText();
                if (poisonSent.remove(requestId) != null) {
                    poisonParked++;
                } else if (goodSent.containsKey(requestId)) {
                    goodParked++;
                    wrong.add("the good event " + goodSent.get(requestId).json() + " reached it after "
                            + attempts(record.path("requestContext").path("approximateInvokeCount").asInt())
                            + ", failing with " + error(record));
                }
            }
            for (EventSpec missed : poisonSent.values()) {
                wrong.add("the poison event " + missed.json() + " did not: an attempt at it succeeded, so the "
                        + "platform had nothing to retry");
            }
            String actual = "the platform put " + poisonParked + " of the " + poison.size() + " poison event"
                    + (poison.size() == 1 ? "" : "s") + " in the on-failure queue, and " + goodParked + " of the "
                    + good.size() + " good one" + (good.size() == 1 ? "" : "s")
                    + (wrong.isEmpty() ? "" : "; " + String.join("; ", wrong));
            String output = trial.loggedOutput();
            return wrong.isEmpty() ? Verdict.pass(expected(), actual, output) : Verdict.fail(expected(), actual, output);
        } finally {
            trial.deleteQueue(queue);
        }
    }

    @Override
    public String expected() {
        List<String> parts = new ArrayList<>();
        if (!poison.isEmpty()) {
            parts.add(poison.size() == 1 ? "the poison event (" + list(poison) + ") fails every attempt and ends in the queue"
                    : "the poison events (" + list(poison) + ") fail every attempt and end in the queue");
        }
        if (!good.isEmpty()) {
            parts.add((good.size() == 1 ? "the good event (" + list(good) + ") does" : "the good events (" + list(good)
                    + ") do") + " not" + (poison.isEmpty() ? " end in the queue" : ""));
        }
        return "sent asynchronously (retried " + times(maximumRetryAttempts) + ", failures to an on-failure queue), "
                + String.join("; ", parts);
    }

    @Override
    public String kind() {
        return "deadLetters";
    }

    private static String list(List<EventSpec> events) {
        return String.join(", ", events.stream().map(EventSpec::json).toList());
    }

    private static String times(int retries) {
        return retries == 0 ? "never" : retries == 1 ? "once" : "twice";
    }

    private static String attempts(int count) {
        return count == 1 ? "1 attempt" : count + " attempts";
    }

    /** The last attempt's error, as the record carries it. */
    private static String error(JsonNode record) {
        JsonNode response = record.path("responsePayload");
        return response.isMissingNode() ? record.path("requestContext").path("condition").asText()
                : response.path("errorType").asText() + ": " + response.path("errorMessage").asText();
    }
}
