package dev.faaslab.runtime.sdk;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The chain of invocations that one triggering event caused, as Lambda tracks it in the {@code Lineage} field
 * of its X-Ray trace header: how many times each function has run in the chain. An invocation runs with its
 * lineage bound to {@link #CURRENT}; an SDK call it makes carries it to the service, and an event that the
 * call causes (a bucket's notification) inherits it. That is how the platform sees a function that writes
 * to the bucket that invokes it: the same chain reaching the same function again and again.
 *
 * @param counts function name to its invocations in the chain, in the order they first ran
 */
public record Lineage(Map<String, Integer> counts) {

    /** Lambda stops a chain when it would invoke a function more than this many times. */
    public static final int MAX_INVOCATIONS = 16;

    /** No invocation yet: an event from outside any function (the REST API, a schedule, the lab). */
    public static final Lineage NONE = new Lineage(Map.of());

    /** The lineage of the invocation running on this thread, bound by the platform. */
    public static final ScopedValue<Lineage> CURRENT = ScopedValue.newInstance();

    private static final Pattern ENTRY = Pattern.compile("[A-Za-z0-9_-]{1,64}:[0-9]{1,9}");

    public Lineage {
        counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    /** The lineage bound to this thread, or {@link #NONE} outside an invocation. */
    public static Lineage current() {
        return CURRENT.orElse(NONE);
    }

    /** How many times the chain has invoked {@code function}. */
    public int count(String function) {
        return counts.getOrDefault(function, 0);
    }

    /** Whether invoking {@code function} once more would be past Lambda's limit for one chain. */
    public boolean wouldLoop(String function) {
        return count(function) >= MAX_INVOCATIONS;
    }

    /** The chain after one more invocation of {@code function}. */
    public Lineage invoked(String function) {
        Map<String, Integer> next = new LinkedHashMap<>(counts);
        next.merge(function, 1, Integer::sum);
        return new Lineage(next);
    }

    /** As the event log stores it: {@code resize:3|index:1}, or null for {@link #NONE}. */
    public String header() {
        if (counts.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        counts.forEach((function, count) -> text.append(text.isEmpty() ? "" : "|").append(function).append(':')
                .append(count));
        return text.toString();
    }

    /** Reads {@link #header()}; null or empty is {@link #NONE}. */
    public static Lineage parse(String header) {
        if (header == null || header.isEmpty()) {
            return NONE;
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String entry : header.split("\\|")) {
            if (!ENTRY.matcher(entry).matches()) {
                throw new IllegalArgumentException("a lineage is function:count entries joined by '|', not '" + header
                        + "'");
            }
            int colon = entry.lastIndexOf(':');
            counts.put(entry.substring(0, colon), Integer.parseInt(entry.substring(colon + 1)));
        }
        return new Lineage(counts);
    }
}
