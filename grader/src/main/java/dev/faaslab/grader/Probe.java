package dev.faaslab.grader;

/**
 * How a check is checked: a functional probe sends one event and compares the result; the others are the
 * behavioural scenarios, each a closed kind configured from the manifest. Every one counts things or compares
 * figures from the same run, never an absolute time a slow machine could miss.
 */
public sealed interface Probe permits Functional, ColdStarts, InitOnce, WithinTimeout, CostPerMillion,
        Idempotent {

    /** Runs the probe against a freshly deployed function. */
    Verdict run(Trial trial);

    /** What passing looks like, in words a learner reads. */
    String expected();

    /** The probe's kind as a manifest names it: {@code functional}, or a scenario's kind ({@code initOnce} …). */
    String kind();
}
