package dev.faaslab.classroom.lti;

import java.net.URI;
import java.time.Instant;

/**
 * A learner's score for one line item, as Assignment and Grade Services' score service takes it.
 *
 * @param issuer    with {@code clientId}, the registration whose key asks for the access token
 * @param lineItem  the line item's URL, from the launch's AGS claim
 * @param userId    the learner's {@code sub} at the platform
 * @param timestamp when the score was achieved; a platform ignores a score older than one it has
 */
public record Score(String issuer, String clientId, URI lineItem, String userId, double scoreGiven,
                    double scoreMaximum, ActivityProgress activityProgress, Instant timestamp) {

    public Score {
        if (!(scoreMaximum > 0) || scoreGiven < 0) {
            throw new IllegalArgumentException("a score needs 0 <= scoreGiven and 0 < scoreMaximum, not "
                    + scoreGiven + " of " + scoreMaximum);
        }
    }

    /** Whether the learner has finished: AGS's {@code activityProgress}. */
    public enum ActivityProgress {
        SUBMITTED("Submitted"),
        COMPLETED("Completed");

        private final String label;

        ActivityProgress(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        static ActivityProgress fromLabel(String label) {
            return label.equals(SUBMITTED.label) ? SUBMITTED : COMPLETED;
        }
    }

    /**
     * The score of the learner of {@code launch} for the launch's line item, achieved at {@code timestamp}.
     *
     * @throws IllegalArgumentException when the launch came without a line item or without the score scope
     */
    public static Score of(LtiLaunch launch, double scoreGiven, double scoreMaximum, ActivityProgress progress,
                           Instant timestamp) {
        LtiLaunch.GradeService service = launch.gradeService().filter(LtiLaunch.GradeService::canPostScores)
                .orElseThrow(() -> new IllegalArgumentException("the launch from " + launch.issuer() + " offers no"
                        + " line item to post scores to: the link was not set up to accept grades"));
        return new Score(launch.issuer(), launch.clientId(), service.lineItem(), launch.subject(), scoreGiven,
                scoreMaximum, progress, timestamp);
    }
}
