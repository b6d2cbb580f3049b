package dev.faaslab.classroom;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which lessons and exercises a class has open, and when exercises are due. Everything is open unless an
 * instructor closes it, so that a new lesson is there for a class made before it.
 *
 * @param closed lesson and exercise ids the class's learners cannot open
 * @param due    exercise id to the time it is due (a submission after it is marked late in the gradebook)
 */
public record Syllabus(Set<String> closed, Map<String, Instant> due) {

    public static final Syllabus ALL_OPEN = new Syllabus(Set.of(), Map.of());

    public Syllabus {
        closed = java.util.Collections.unmodifiableSet(new TreeSet<>(closed));
        due = java.util.Collections.unmodifiableMap(new TreeMap<>(due));
    }

    public boolean open(String id) {
        return !closed.contains(id);
    }
}
