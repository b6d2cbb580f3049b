package dev.faaslab.grader;

import dev.faaslab.core.WorkspaceId;
import dev.faaslab.exercise.GradingServices;
import dev.faaslab.platform.FunctionSpec;
import dev.faaslab.platform.Invocation;
import dev.faaslab.platform.Platform;
import dev.faaslab.runtime.FunctionError;
import dev.faaslab.runtime.InvocationResult;
import dev.faaslab.runtime.LogLine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * One check's run: a function freshly deployed for it in the submission's own workspace, and ways to invoke it.
 *
 * @param services  the real platform, and the tables and buckets the exercise's fixtures are in
 * @param workspace the submission's workspace
 * @param function  the function deployed for this check
 * @param limits    the exercise's limits, as the function was deployed with
 */
record Trial(GradingServices services, WorkspaceId workspace, String function, Exercise.Limits limits) {

    Platform platform() {
        return services.platform();
    }

    /** Instances of the function that ran their Init, as the platform counted them. */
    long instancesStarted() {
        return platform().totals(workspace, function).coldStarts();
    }

    /** How many times the function made this SDK call ({@code bucket.get reference}), as the platform counted. */
    long sdkCalls(String label) {
        return platform().sdkCalls(workspace, function).getOrDefault(label, 0L);
    }

    /**
     * Deploys the function again with one variable changed ({@code FAASLAB_DEPLOYMENT}), so that its idle
     * instances are retired and the next requests start new ones, as after an update on Lambda: whatever an
     * instance kept in memory is gone.
     */
    void replaceInstances() {
        FunctionSpec spec = platform().function(workspace, function)
                .orElseThrow(() -> new IllegalStateException("the check's function " + function + " is gone"))
                .spec();
        Map<String, String> environment = new HashMap<>(spec.environment());
        environment.merge("FAASLAB_DEPLOYMENT", "2", (old, ignored) -> Integer.toString(Integer.parseInt(old) + 1));
        platform().save(workspace, spec.withEnvironment(environment), null);
    }

    /** One invocation, as the platform ran it; a throttle (which a check never provokes) is an error. */
    InvocationResult invoke(EventSpec event) {
        Invocation invocation = platform().invoke(workspace, function, null, event.json());
        if (invocation instanceof Invocation.Completed completed) {
            return completed.result();
        }
        throw new IllegalStateException("the platform throttled the check's invocation: " + invocation);
    }

    /** {@code count} invocations one after another. */
    List<InvocationResult> invokeSequentially(EventSpec event, int count) {
        List<InvocationResult> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            results.add(invoke(event));
        }
        return results;
    }

    /** {@code count} invocations released at once, each from its own thread. */
    List<InvocationResult> invokeConcurrently(EventSpec event, int count) {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(count, Thread.ofPlatform()
                .name("faaslab-grade-", 0).daemon(true).factory())) {
            List<Future<InvocationResult>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return invoke(event);
                }));
            }
            start.countDown();
            List<InvocationResult> results = new ArrayList<>(count);
            for (Future<InvocationResult> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while invoking", e);
        }
    }

    /** The first failed invocation's verdict, if any failed: a check on behaviour needs code that runs. */
    static Verdict firstFailure(List<InvocationResult> results, String expected) {
        for (InvocationResult result : results) {
            if (!result.succeeded()) {
                return failure(result.error(), expected, output(results));
            }
        }
        return null;
    }

    /** The verdict for an invocation that ended in {@code error}: its status says how it ended. */
    static Verdict failure(FunctionError error, String expected, String output) {
        CheckStatus status = switch (error.kind()) {
            case TIMEOUT -> CheckStatus.TIMEOUT;
            case MEMORY -> CheckStatus.MEMORY_LIMIT;
            case SYNTAX -> CheckStatus.SYNTAX_ERROR;
            case FUNCTION, INIT -> CheckStatus.ERROR;
        };
        String actual = switch (error.kind()) {
            case TIMEOUT -> "the function timed out: " + error.describe();
            case MEMORY -> "the function ran out of memory: " + error.describe();
            default -> "the function failed: " + error.describe();
        };
        return new Verdict(status, expected, actual, output);
    }

    /** What the function logged across {@code results}, one line per log record. */
    static String output(List<InvocationResult> results) {
        return results.stream().flatMap(result -> result.logs().stream()).map(LogLine::message)
                .collect(Collectors.joining("\n"));
    }
}
