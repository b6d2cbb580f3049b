package dev.faaslab.grader;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.core.Json;
import dev.faaslab.runtime.InvocationResult;
import dev.faaslab.runtime.Outcome;
import dev.faaslab.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What a function answers across many invocations, against what the platform saw: {@code concurrent} invocations
 * released together on fresh instances ({@code waves} times, each wave once the last is answered, so that later
 * waves meet warm instances all at the same moment), then {@code sequential} ones one after another, each sent the next of
 * {@code events} in turn (or the check's one event), each sent at least {@code apartMs} after the last one answered (a
 * time a handler makes per request differs from one request to the next only if a clock tick passes between them:
 * JavaScript's {@code toISOString()} counts milliseconds, and five warm calls fit in one). Then, over all the answers: how many distinct values a JSON
 * path takes (within bounds, or exactly as many as instances the platform started); the cold starts and instances
 * the platform counted; the last answer; each answer holding its own event's value ({@code echoes}: no user's data
 * in another's answer); each answer holding the platform's value for its invocation ({@code fromPlatform}: the
 * request id the platform gave it, the function's deployed name, its memory). Everything compared comes from the
 * same run, and the instances are the platform's count, never assumed: a fast handler frees its instance for a
 * request released "at once".
 *
 * @param apartMs      the least time between one sequential invocation's answer and the next's request, in ms (0: none)
 * @param freshInstances whether each sequential invocation meets a fresh instance (the warm ones let go of first):
 *                     as many instances as calls, however fast the machine, where "at once" may meet fewer
 * @param events       the events sent in turn, never empty (the check's event alone when the manifest lists none)
 * @param distinct     by answer path, how many distinct values it must take
 * @param coldStarts   bounds on the cold starts the platform reported for these invocations, or null
 * @param instances    bounds on the instances the platform started, or null
 * @param last         what the last answer must be, or null
 * @param echoes       answer path to event path: each answer must hold its own event's value there
 * @param fromPlatform answer path to the platform's value it must hold for its invocation
 */
record Answers(EventSpec event, List<EventSpec> events, int sequential, int concurrent, int waves, int apartMs,
               boolean freshInstances,
               Map<String, Distinct> distinct, Burst.Bounds coldStarts, Burst.Bounds instances, Expectation last,
               Map<String, String> echoes, Map<String, PlatformValue> fromPlatform) implements PlatformProbe {

    static final int MOST_SEQUENTIAL = 100;
    static final int MOST_CONCURRENT = 50;
    static final int MOST_WAVES = 10;
    static final int MOST_APART_MS = 1_000;

    /** How many distinct values an answer path must take. */
    sealed interface Distinct {

        boolean holds(long count, long instances);

        String words();

        /** Within bounds: {@code {"min": 5, "max": 5}}. */
        record Within(Burst.Bounds bounds) implements Distinct {
            @Override
            public boolean holds(long count, long instances) {
                return bounds.holds(count);
            }

            @Override
            public String words() {
                return bounds.words();
            }
        }

        /** As many as the instances the platform started: one value per instance, made in its Init. */
        record OnePerInstance() implements Distinct {
            @Override
            public boolean holds(long count, long instances) {
                return count == instances;
            }

            @Override
            public String words() {
                return "as many as the instances started";
            }
        }
    }

    /** A value only the platform knows of an invocation, which a handler can read from its context. */
    enum PlatformValue {
        REQUEST_ID("requestId", "the request id the platform gave that invocation"),
        FUNCTION_NAME("functionName", "the function's deployed name"),
        MEMORY_MB("memoryMb", "the memory the function is deployed with, in MB");

        final String manifestName;
        final String words;

        PlatformValue(String manifestName, String words) {
            this.manifestName = manifestName;
            this.words = words;
        }

        static Optional<PlatformValue> named(String name) {
            for (PlatformValue value : values()) {
                if (value.manifestName.equals(name)) {
                    return Optional.of(value);
                }
            }
            return Optional.empty();
        }

        JsonNode of(InvocationResult result, Trial trial) {
            return switch (this) {
                case REQUEST_ID -> Json.MAPPER.getNodeFactory().textNode(result.requestId());
                case FUNCTION_NAME -> Json.MAPPER.getNodeFactory().textNode(trial.function());
                case MEMORY_MB -> Json.MAPPER.getNodeFactory().numberNode(trial.limits().memoryMb());
            };
        }
    }

    Answers {
        if (sequential < 0 || sequential > MOST_SEQUENTIAL || concurrent < 0 || concurrent > MOST_CONCURRENT
                || sequential + concurrent == 0) {
            throw new IllegalArgumentException("answers needs \"sequential\" (0 to " + MOST_SEQUENTIAL + ") and/or"
                    + " \"concurrent\" (0 to " + MOST_CONCURRENT + ") invocations, at least one in all, not "
                    + sequential + " and " + concurrent);
        }
        if (waves < 1 || waves > MOST_WAVES || waves > 1 && concurrent == 0) {
            throw new IllegalArgumentException("answers' \"waves\" is 1 to " + MOST_WAVES + " waves of the concurrent"
                    + " invocations (more than 1 only with \"concurrent\"), not " + waves);
        }
        if (apartMs < 0 || apartMs > MOST_APART_MS || apartMs > 0 && sequential < 2) {
            throw new IllegalArgumentException("answers' \"apartMs\" is 0 to " + MOST_APART_MS + " milliseconds between"
                    + " one sequential invocation's answer and the next (more than 0 only with 2 or more \"sequential\"), not "
                    + apartMs);
        }
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("answers needs an event to send: the check's \"event\", or \"events\"");
        }
        // In the manifest's order, so that what a learner reads follows what the author wrote.
        distinct = Collections.unmodifiableMap(new LinkedHashMap<>(distinct));
        echoes = Collections.unmodifiableMap(new LinkedHashMap<>(echoes));
        fromPlatform = Collections.unmodifiableMap(new LinkedHashMap<>(fromPlatform));
        if (distinct.isEmpty() && coldStarts == null && instances == null && last == null && echoes.isEmpty()
                && fromPlatform.isEmpty()) {
            throw new IllegalArgumentException("answers needs something to check: \"distinct\", \"coldStarts\","
                    + " \"instances\", \"last\", \"echoes\" or \"fromPlatform\"");
        }
    }

    @Override
    public Verdict run(Trial trial) {
        List<EventSpec> sent = new ArrayList<>();
        int atOnce = concurrent * waves;
        for (int i = 0; i < atOnce + sequential; i++) {
            sent.add(events.get(i % events.size()));
        }
        List<InvocationResult> results = new ArrayList<>();
        if (concurrent > 0) {
            trial.letGoOfInstances();
            for (int wave = 0; wave < waves; wave++) {
                results.addAll(trial.invokeConcurrently(sent.subList(wave * concurrent, (wave + 1) * concurrent)));
            }
        }
        Clock clock = trial.platform().clock();
        long nextStart = clock.nanoTime();
        for (EventSpec next : sent.subList(atOnce, sent.size())) {
            if (freshInstances) {
                trial.letGoOfInstances();
            }
            try {
                clock.sleepUntil(nextStart);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the grade was stopped between two invocations", e);
            }
            results.add(trial.invoke(next));
            // From the answer, not the request: a cold start's handler runs milliseconds after its request arrived.
            nextStart = clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(apartMs);
        }
        String output = Trial.output(results);
        Verdict failed = Trial.firstFailure(results, expected());
        if (failed != null) {
            return failed;
        }
        List<JsonNode> answers = results.stream()
                .map(result -> Functional.answer(event, ((Outcome.Success) result.outcome()).json())).toList();
        Optional<String> wrong = firstWrongAnswer(trial, sent, results, answers);
        long cold = results.stream().filter(result -> result.report().cold()).count();
        long started = trial.instancesStarted();
        List<String> problems = new ArrayList<>();
        wrong.ifPresent(problems::add);
        Map<String, Long> counts = new LinkedHashMap<>();
        distinct.forEach((path, rule) -> {
            long count = answers.stream().map(answer -> Expectation.JsonPaths.read(answer, path))
                    .map(value -> value == null ? "(missing)" : value.toString()).distinct().count();
            counts.put(path, count);
            if (!rule.holds(count, started)) {
                problems.add(count + " distinct " + path + ", not " + rule.words());
            }
        });
        if (coldStarts != null && !coldStarts.holds(cold)) {
            problems.add(cold + " cold starts, not " + coldStarts.words());
        }
        if (instances != null && !instances.holds(started)) {
            problems.add(started + " instances started, not " + instances.words());
        }
        if (last != null) {
            last.mismatch(answers.getLast()).ifPresent(why -> problems.add("the last answer " + answers.getLast()
                    + ": " + why));
        }
        String actual = counted(results.size(), cold, started, counts)
                + (problems.isEmpty() ? "" : "; but " + String.join("; ", problems));
        return problems.isEmpty() ? Verdict.pass(expected(), actual, output) : Verdict.fail(expected(), actual, output);
    }

    /** The first answer that does not hold its own event's value, or the platform's, in words. */
    private Optional<String> firstWrongAnswer(Trial trial, List<EventSpec> sent, List<InvocationResult> results,
                                              List<JsonNode> answers) {
        for (int i = 0; i < answers.size(); i++) {
            JsonNode answer = answers.get(i);
            for (Map.Entry<String, String> echo : echoes.entrySet()) {
                JsonNode wanted = Expectation.JsonPaths.read(readEvent(sent.get(i)), echo.getValue());
                JsonNode found = Expectation.JsonPaths.read(answer, echo.getKey());
                if (wanted == null || found == null || !Expectation.same(wanted, found)) {
                    return Optional.of("the answer to " + sent.get(i).json() + " holds " + found + " at "
                            + echo.getKey() + ", not its event's " + wanted);
                }
            }
            for (Map.Entry<String, PlatformValue> value : fromPlatform.entrySet()) {
                JsonNode wanted = value.getValue().of(results.get(i), trial);
                JsonNode found = Expectation.JsonPaths.read(answer, value.getKey());
                if (found == null || !Expectation.same(wanted, found)) {
                    return Optional.of(value.getKey() + " is " + found + ", not " + value.getValue().words + " ("
                            + wanted + ")");
                }
            }
        }
        return Optional.empty();
    }

    private static JsonNode readEvent(EventSpec event) {
        try {
            return Json.MAPPER.readTree(event.json());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a check's event is not JSON: " + event.json(), e);
        }
    }

    private static String counted(int invocations, long cold, long started, Map<String, Long> counts) {
        return invocations + " answers, " + cold + " cold start" + (cold == 1 ? "" : "s") + ", " + started
                + " instance" + (started == 1 ? "" : "s") + " started" + counts.entrySet().stream()
                .map(entry -> ", " + entry.getValue() + " distinct " + entry.getKey()).collect(Collectors.joining());
    }

    @Override
    public String expected() {
        List<String> parts = new ArrayList<>();
        distinct.forEach((path, rule) -> parts.add(rule.words() + " distinct " + path));
        if (coldStarts != null) {
            parts.add(coldStarts.words() + " cold starts");
        }
        if (instances != null) {
            parts.add(instances.words() + " instances started");
        }
        echoes.forEach((answer, event) -> parts.add("each answer's " + answer + " its own event's " + event));
        fromPlatform.forEach((path, value) -> parts.add("each answer's " + path + " " + value.words));
        if (last != null) {
            parts.add("the last answer " + last.describe());
        }
        return (concurrent > 0 ? concurrent + " invocations at once on fresh instances"
                + (waves > 1 ? ", " + waves + " waves of them" : "") : "")
                + (concurrent > 0 && sequential > 0 ? ", then " : "")
                + (sequential > 0 ? sequential + " one after another" : "")
                + (apartMs > 0 ? ", " + apartMs + " ms apart" : "")
                + (freshInstances && sequential > 0 ? ", each on a fresh instance" : "") + ": " + String.join("; ", parts);
    }

    @Override
    public String kind() {
        return "answers";
    }
}
