package dev.faaslab.grader;

import dev.faaslab.runtime.InvocationResult;
import java.util.ArrayList;
import java.util.List;

/**
 * A rarely needed dependency is loaded only by the requests that need it, and then kept for the instance: first
 * the {@code common} events (each once, one after another, then {@code concurrent} more at once, which starts
 * several instances), and the platform must have counted no {@code call} (such as {@code bucket.get archive});
 * then the {@code needing} events, the same way, and the platform must have counted the call exactly once on each
 * instance that served one of them. Loading it in Init fails the first half; loading it again on every request
 * that needs it, or never loading it, fails the second. Every figure is the platform's own: the calls it counted,
 * and which instance each REPORT names.
 *
 * @param call       the dependency's call through the {@code faaslab} module, as the platform labels it
 * @param common     events that do not need it
 * @param needing    events that do
 * @param concurrent how many of each kind also go at once, after the sequential ones (0 for none)
 */
record LazyLoad(String call, List<EventSpec> common, List<EventSpec> needing, int concurrent) implements PlatformProbe {

    static final int MAX_EVENTS = 10;
    static final int MAX_CONCURRENT = 20;

    LazyLoad {
        if (call == null || !InitOnce.CALL.matcher(call).matches()) {
            throw new IllegalArgumentException("lazyLoad needs \"call\": the rarely needed dependency's call through the"
                    + " faaslab module, as 'service.operation resource' (for example 'bucket.get archive'), not '"
                    + call + "'");
        }
        common = List.copyOf(common);
        needing = List.copyOf(needing);
        if (common.isEmpty() || common.size() > MAX_EVENTS || needing.isEmpty() || needing.size() > MAX_EVENTS) {
            throw new IllegalArgumentException("lazyLoad needs 1 to " + MAX_EVENTS + " \"common\" events (that do not"
                    + " need the dependency) and 1 to " + MAX_EVENTS + " \"needing\" events (that do), not "
                    + common.size() + " and " + needing.size());
        }
        if (concurrent < 0 || concurrent > MAX_CONCURRENT) {
            throw new IllegalArgumentException("lazyLoad's \"concurrent\" is 0 to " + MAX_CONCURRENT + ", not "
                    + concurrent);
        }
    }

    /** The first common event: what a learner's own run starts from. */
    @Override
    public EventSpec event() {
        return common.getFirst();
    }

    @Override
    public Verdict run(Trial trial) {
        List<InvocationResult> before = send(trial, common);
        long callsBefore = trial.sdkCalls(call);
        List<InvocationResult> after = send(trial, needing);
        List<InvocationResult> all = new ArrayList<>(before);
        all.addAll(after);
        String output = Trial.output(all);
        Verdict failed = Trial.firstFailure(all, expected());
        if (failed != null) {
            return failed;
        }
        long callsAfter = trial.sdkCalls(call) - callsBefore;
        long serving = after.stream().map(result -> result.report().instanceId()).distinct().count();
        String actual = "the platform counted " + call + " " + InitOnce.times(callsBefore) + " over " + before.size()
                + " requests that did not need it; then " + InitOnce.times(callsAfter) + " over " + after.size()
                + " that did, served by " + serving + " instance" + (serving == 1 ? "" : "s");
        return callsBefore == 0 && callsAfter == serving
                ? Verdict.pass(expected(), actual, output) : Verdict.fail(expected(), actual, output);
    }

    /** Each event once, one after another, then {@code concurrent} at once, taking the events in turn. */
    private List<InvocationResult> send(Trial trial, List<EventSpec> events) {
        List<InvocationResult> results = new ArrayList<>();
        for (EventSpec event : events) {
            results.add(trial.invoke(event));
        }
        if (concurrent > 0) {
            results.addAll(trial.invokeConcurrently(events, concurrent));
        }
        return results;
    }

    @Override
    public String expected() {
        String how = concurrent > 0 ? " (one after another, then " + concurrent + " at once)" : "";
        return "the dependency (" + call + ") not loaded by requests that do not need it" + how
                + ", then loaded exactly once on each instance that served requests that do" + how;
    }

    @Override
    public String kind() {
        return "lazyLoad";
    }
}
