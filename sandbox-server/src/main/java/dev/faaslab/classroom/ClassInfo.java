package dev.faaslab.classroom;

import java.time.Instant;

/** A class as its instructors see it: learners join it with {@code joinCode}. */
public record ClassInfo(String id, String title, String joinCode, ClassQuotas quotas, Syllabus syllabus,
                        boolean paused, Instant createdAt) {
}
