package dev.faaslab.classroom;

import java.time.Instant;

/** One graded submission, as the learner's grading history and the gradebook keep it. */
public record Submission(long seq, String exerciseId, String runtime, int score, int maxScore, String status,
                         String code, Instant submittedAt) {
}
