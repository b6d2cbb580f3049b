package dev.faaslab.grader;

import java.util.Objects;

/**
 * One thing an exercise checks, worth some points.
 *
 * @param name    what it checks, as a sentence a learner reads ("greets Ada by name")
 * @param points  what passing it earns
 * @param hidden  whether a learner sees it before failing it (and then only its name and hint)
 * @param hint    the concept to revisit when it fails
 * @param section the lesson section that explains it (an id such as {@code two-phases-init-and-invoke}), or empty
 * @param probe   how it is checked
 */
public record Check(String name, int points, boolean hidden, String hint, String section, Probe probe) {

    public Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(probe, "probe");
        hint = hint == null ? "" : hint;
        section = section == null ? "" : section;
    }

    /**
     * {@code functional} (an event in, a result out), {@code behavioural} (a scenario on the platform) or
     * {@code structural} (the source's structure, as its language's parser reads it).
     */
    public String kind() {
        return switch (probe) {
            case Functional functional -> "functional";
            case SourceProbe source -> "structural";
            case PlatformProbe scenario -> "behavioural";
        };
    }

    /** How it is checked, as the manifest names it: {@code functional}, or a scenario's kind ({@code idempotent} …). */
    public String probeKind() {
        return probe.kind();
    }

    /** What passing looks like, in words. */
    public String expectation() {
        return probe.expected();
    }

    /** The lesson page at this check's section: {@code /lesson.html?id=<lesson>#<section>}. */
    public String lessonUrl(String lesson) {
        // An exercise whose lesson is still to be written (five-doors, lesson 13's) sends a learner nowhere.
        if (lesson == null || lesson.isEmpty()) {
            return null;
        }
        return "/lesson.html?id=" + lesson + (section.isEmpty() ? "" : "#" + section);
    }
}
