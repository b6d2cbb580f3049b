package dev.faaslab.bench;

import java.util.Locale;
import java.util.Map;

/**
 * What {@code faaslab bench classroom} measured; {@code --json} prints it as one object with these names.
 * Everything but the {@code hostile…} figures is the well-behaved learners'. A latency is null when there was
 * nothing to time (a workshop too short for a warm invoke).
 *
 * @param learners           learners who joined the class, hostile ones included
 * @param hostileLearners    of those, the ones running the hostile corpus
 * @param seconds            how long the workshop was played
 * @param database           where the server kept its state
 * @param invocations        the well-behaved learners' invocations (HTTP trigger and Invoke button), cold ones included
 * @param requests           every request they sent (joins, lessons, deploys, invocations, bursts, submissions)
 * @param errors             their answers that were not 2xx, failed invocations, and requests that got no answer
 * @param errorsByKind     the errors by request and status (or error type, or grade): {@code "GET /fn/: 500"}
 * @param bursts             traffic bursts they started
 * @param submissions        exercise submissions they made (each graded at once)
 * @param warmInvokeP50Ms    median latency of an Invoke (POST /api/functions/{name}/invoke) on a warm instance
 * @param warmInvokeP99Ms    its 99th percentile
 * @param httpTriggerP99Ms   99th percentile of GET /fn/{name}, cold starts included
 * @param gradingP50Ms       median latency of a submission (deploy, checks, verdict)
 * @param gradingP99Ms       its 99th percentile
 * @param heapMaxMb          the most heap in use at any sample (every 100 ms), garbage included
 * @param heapAfterGcMaxMb   the most heap still in use after a collection: what the server kept
 * @param heapLimitMb        the JVM's maximum heap
 * @param cpuCores           process CPU time over wall time: cores kept busy on average
 * @param cores              the machine's cores
 * @param hostileInvocations the hostile learners' invocations
 * @param hostileFailures    of those, the ones that failed or were refused (expected: that is the corpus)
 * @param quarantined        workspaces whose code ran into its limits and ran in the quarantine's worker process
 *                           from then on (the hostile learners', if the quarantine works; off: 0)
 * @param runtime            {@code compiled} or {@code interpreted}: whether guest code was JIT-compiled
 */
public record ClassroomBenchResult(int learners, int hostileLearners, int seconds, String database, long invocations,
                                   long requests, long errors, Map<String, Long> errorsByKind, long bursts,
                                   long submissions, Double warmInvokeP50Ms,
                                   Double warmInvokeP99Ms, Double httpTriggerP99Ms, Double gradingP50Ms,
                                   Double gradingP99Ms, long heapMaxMb, long heapAfterGcMaxMb, long heapLimitMb,
                                   double cpuCores, int cores, long hostileInvocations, long hostileFailures,
                                   int quarantined, String runtime) {

    /** The targets, on a 2-core machine. */
    public static final double TARGET_WARM_INVOKE_P99_MS = 100;
    public static final double TARGET_GRADING_P99_MS = 10_000;

    public String describe() {
        return String.format(Locale.ROOT, """
                FaaS Lab classroom benchmark (%s, %d cores; %s; %d learners, %d of them hostile, %d s)
                well-behaved learners (%d):
                  requests             %8d   (invocations %d, bursts %d, submissions %d)
                  errors               %8d   (not 2xx, failed invocations, no answer; target 0: %s)%s
                  warm invoke          p50 %8s ms   p99 %8s ms   (target p99 <= 100 ms: %s)
                  HTTP trigger         p99 %8s ms   (cold starts included)
                  grading              p50 %8s ms   p99 %8s ms   (target p99 <= 10,000 ms: %s)
                hostile learners (%d): %d invocations, %d failed or refused (expected); %d moved to the quarantine
                server (this process, the learners' clients included):
                  heap in use          %8d MB at most, %d MB after a collection at most (limit %d MB)
                  CPU                  %8.2f cores busy on average, of %d""",
                runtime, cores, database, learners, hostileLearners, seconds,
                learners - hostileLearners, requests, invocations, bursts, submissions,
                errors, errors == 0 ? "met" : "NOT met", errorsByKind.isEmpty() ? "" : "\n                    " + errorsByKind,
                ms(warmInvokeP50Ms, 1), ms(warmInvokeP99Ms, 1), meets(warmInvokeP99Ms, TARGET_WARM_INVOKE_P99_MS),
                ms(httpTriggerP99Ms, 1),
                ms(gradingP50Ms, 0), ms(gradingP99Ms, 0), meets(gradingP99Ms, TARGET_GRADING_P99_MS),
                hostileLearners, hostileInvocations, hostileFailures, quarantined,
                heapMaxMb, heapAfterGcMaxMb, heapLimitMb, cpuCores, cores);
    }

    private static String ms(Double value, int decimals) {
        return value == null ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String meets(Double value, double target) {
        return value == null ? "nothing timed" : value <= target ? "met" : "NOT met";
    }
}
