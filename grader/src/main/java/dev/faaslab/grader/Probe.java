package dev.faaslab.grader;

/**
 * How a check is checked: on the platform (a functional probe sends one event and compares the result; the
 * behavioural scenarios count what the platform saw) or on the source (a structural probe reads the outline the
 * language's own parser made of it). Every one counts things or compares figures from the same run, never an
 * absolute time a slow machine could miss.
 */
public sealed interface Probe permits PlatformProbe, SourceProbe {

    /** What passing looks like, in words a learner reads. */
    String expected();

    /** The probe's kind as a manifest names it: {@code functional}, or a scenario's or structure's kind. */
    String kind();
}
