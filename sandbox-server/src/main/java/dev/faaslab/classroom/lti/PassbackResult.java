package dev.faaslab.classroom.lti;

/** What became of a score sent to the platform. */
public sealed interface PassbackResult {

    /** Whether trying again later may succeed: the platform was unreachable or failed on its side. */
    boolean retryable();

    /** The platform took the score. */
    record Posted(int status) implements PassbackResult {
        @Override
        public boolean retryable() {
            return false;
        }
    }

    /**
     * The platform refused the score, or the token for it (4xx): trying again would not change its answer.
     *
     * @param body the start of the platform's answer, which says why
     */
    record Refused(int status, String body, String message) implements PassbackResult {
        @Override
        public boolean retryable() {
            return false;
        }
    }

    /** The platform could not be reached, or answered 5xx or 429: the score waits in {@link PendingScores}. */
    record Unavailable(String message) implements PassbackResult {
        @Override
        public boolean retryable() {
            return true;
        }
    }
}
