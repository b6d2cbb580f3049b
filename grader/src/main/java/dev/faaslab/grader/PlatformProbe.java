package dev.faaslab.grader;

/** A probe run against a function freshly deployed for its check: an event and its result, or a scenario. */
sealed interface PlatformProbe extends Probe permits Functional, ColdStarts, InitOnce, WithinTimeout, CostPerMillion,
        Idempotent, Uploads, DeadLetters, Retries, Burst, LazyLoad, Malformed, QueueDelivery, TableChanges, Answers,
        Doors {

    /** The event it sends the function (a scenario sends it many times). */
    EventSpec event();

    /** Runs the probe against a freshly deployed function. */
    Verdict run(Trial trial);
}
