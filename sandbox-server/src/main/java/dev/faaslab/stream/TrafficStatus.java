package dev.faaslab.stream;

/**
 * A traffic run as the API and the live stream show it: its plan, its state and its counts so far. It lives
 * here, beside the stream that carries it, because the platform publishes to the stream and traffic sits above both.
 *
 * @param state          {@code running}, {@code finished} (everything sent and answered) or {@code stopped}
 * @param startedAt      when it started, ISO-8601
 * @param elapsedSeconds since it started, until it finished or was stopped
 * @param sent           requests sent to the HTTP trigger
 * @param completed      of those, how many have ended: {@code ok + throttled + errors}
 * @param ok             answered with a 2xx
 * @param throttled      answered 429: the platform refused them (a concurrency or scaling limit)
 * @param errors         answered with any other status, or failed to reach the server
 * @param skipped        not sent at all, because the run already had as many waiting for answers as it may (TrafficRun.MAX_IN_FLIGHT) for answers
 * @param latencyP50Ms   median time to the answer, or null before any
 * @param latencyP99Ms   99th percentile, or null before any
 */
public record TrafficStatus(String id, String function, String pattern, Integer rps, Integer burst,
                            Integer durationSeconds, String state, String startedAt, double elapsedSeconds,
                            long sent, long completed, long ok, long throttled, long errors, long skipped,
                            Double latencyP50Ms, Double latencyP99Ms) {

    /** Whether the run may still send. */
    public boolean running() {
        return "running".equals(state);
    }
}
