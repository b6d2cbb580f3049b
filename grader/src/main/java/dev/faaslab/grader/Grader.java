package dev.faaslab.grader;

import dev.faaslab.core.WorkspaceId;
import dev.faaslab.exercise.GradingServices;
import dev.faaslab.platform.CodeException;
import dev.faaslab.platform.EventInvokeConfig;
import dev.faaslab.platform.FunctionSpec;
import dev.faaslab.platform.Platform;
import dev.faaslab.runtime.CodePackage;
import dev.faaslab.runtime.HandlerName;
import dev.faaslab.runtime.Language;
import dev.faaslab.wiring.Sandbox;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grades submissions on a real platform. Each submission runs in a workspace of its own, and each check on a
 * function deployed for it alone (so one check's warm instances never make another's cold starts disappear).
 * The platform's limits (the exercise's timeout, the memory watchdog, the output caps) end only the offending
 * invocation, so a hostile submission costs its own checks and nobody else's; many graders may share one
 * platform, and do in a batch.
 */
public final class Grader {

    private static final Logger LOG = LoggerFactory.getLogger(Grader.class);
    private static final AtomicLong SUBMISSIONS = new AtomicLong();

    private final GradingServices services;
    private final Platform platform;
    private final Set<Language> primed = EnumSet.noneOf(Language.class);
    private final SourceAnalyzer analyzer;

    public Grader(GradingServices services) {
        this.services = services;
        this.platform = services.platform();
        this.analyzer = new SourceAnalyzer(platform);
    }

    /** A grader on {@code sandbox}'s platform, tables, buckets and queues. */
    public static Grader on(Sandbox sandbox) {
        return new Grader(sandbox.gradingServices());
    }

    /**
     * Runs every check of {@code exercise} against {@code code}, the one file of a submission.
     *
     * @throws IllegalArgumentException when the exercise is not offered in {@code language}, or is written in
     *                                  several files there
     */
    public Grade grade(Exercise exercise, Language language, String code) {
        return grade(exercise, language, code, null);
    }

    /** As {@link #grade(Exercise, Language, String)}, for {@code submitter}: their grading runs where their code runs. */
    public Grade grade(Exercise exercise, Language language, String code, WorkspaceId submitter) {
        offered(exercise, language);
        if (exercise.isPackage(language)) {
            throw new IllegalArgumentException("the exercise '" + exercise.id() + "' is written in several files in "
                    + language.runtimeName() + ": " + String.join(", ", exercise.files(language)) + "; submit them all");
        }
        return grade(exercise, language, Map.of(exercise.entryFile(language), code), submitter);
    }

    /**
     * Runs every check of {@code exercise} against a submission's {@code files}, by name: the manifest's files for
     * an exercise written in several (deployed together as a package), or the handler's one file.
     *
     * @throws IllegalArgumentException when the exercise is not offered in {@code language}
     */
    public Grade grade(Exercise exercise, Language language, Map<String, String> files) {
        return grade(exercise, language, files, null);
    }

    /**
     * As {@link #grade(Exercise, Language, Map)}, for {@code submitter} (a learner's workspace, or null): the grading
     * runs where their code runs, and an offence in it is theirs (see the platform's quarantine).
     */
    public Grade grade(Exercise exercise, Language language, Map<String, String> files, WorkspaceId submitter) {
        WorkspaceId workspace = scratchWorkspace();
        try (Platform.Registration placed = platform.gradingFor(workspace, submitter)) {
            return gradeIn(workspace, exercise, language, files);
        }
    }

    private Grade gradeIn(WorkspaceId workspace, Exercise exercise, Language language, Map<String, String> files) {
        String handler = offered(exercise, language);
        List<String> expected = exercise.files(language);
        if (!files.keySet().equals(Set.copyOf(expected))) {
            return refused(exercise, language, CheckStatus.ERROR, "the submission is the files " + String.join(", ",
                    expected) + (files.keySet().containsAll(expected) ? "" : "; it has no " + String.join(", ",
                    expected.stream().filter(file -> !files.containsKey(file)).toList()))
                    + (expected.containsAll(files.keySet()) ? "" : "; it has others (" + String.join(", ",
                    files.keySet().stream().filter(file -> !expected.contains(file)).sorted().toList())
                    + "): put their code in the listed files"));
        }
        prime(language);
        String entry = exercise.entryFile(language);
        Sources sources = new Sources(analyzer, language, handler, entry, files);
        FunctionCode code = FunctionCode.of(entry, files, exercise.isPackage(language));
        List<CheckResult> results = new ArrayList<>();
        SubmissionConfig config = SubmissionConfig.NONE;
        if (exercise.checks().stream().anyMatch(check -> check.probe() instanceof PlatformProbe)) {
            // The settings beside the code are the function's: read before any check deploys it.
            try {
                config = sources.entry() instanceof SourceAnalysis.Read read
                        ? SubmissionConfig.of(read.outline(), entry) : SubmissionConfig.NONE;
            } catch (SubmissionConfig.Refused e) {
                return refused(exercise, language, CheckStatus.ERROR, e.getMessage());
            }
        }
        for (int i = 0; i < exercise.checks().size(); i++) {
            Check check = exercise.checks().get(i);
            String function = "check-" + (i + 1);
            long started = System.nanoTime();
            Verdict verdict;
            try {
                switch (check.probe()) {
                    // Each file is read once per submission, by the first check that needs it; the comments use it too.
                    case SourceProbe source -> verdict = source.judge(sources, language);
                    case PlatformProbe probe -> verdict = run(probe, exercise.fixtures(), workspace, function,
                            spec(function, language, handler, code, exercise.limits(), config), config);
                }
                if (check.probe() instanceof PlatformProbe probe
                        && (verdict.status() == CheckStatus.TIMEOUT || verdict.status() == CheckStatus.MEMORY_LIMIT)) {
                    // Once more, on a new function: a machine busy with others (a batch's neighbours, a loaded CI)
                    // can push honest code past a tight limit once; code that loops or hoards does it every time.
                    verdict = run(probe, exercise.fixtures(), workspace, function,
                            spec(function, language, handler, code, exercise.limits(), config), config);
                }
            } catch (CodeException e) {
                // The code does not parse: no check can run, and each says where the mistake is.
                return syntaxError(exercise, language, e);
            } catch (RuntimeException e) {
                LOG.warn("check '{}' of {} could not run", check.name(), exercise.id(), e);
                verdict = new Verdict(CheckStatus.ERROR, check.expectation(), "the check could not run: "
                        + e.getMessage(), "");
            }
            results.add(new CheckResult(check, verdict, (System.nanoTime() - started) / 1_000_000));
        }
        return Grade.of(exercise, language, "", results, CodeReview.of(sources.entry(), language));
    }

    /** The exercise's handler in {@code language}; refused when it is not offered in it. */
    private static String offered(Exercise exercise, Language language) {
        String handler = exercise.handlers().get(language);
        if (handler == null) {
            throw new IllegalArgumentException("the exercise '" + exercise.id() + "' is offered in "
                    + exercise.languages().stream().map(Language::runtimeName).toList() + ", not "
                    + language.runtimeName());
        }
        return handler;
    }

    /** A submission's code as deployed: the handler's file, and the package of all its files when there are several. */
    private record FunctionCode(String entry, CodePackage files) {

        static FunctionCode of(String entry, Map<String, String> files, boolean isPackage) {
            if (!isPackage) {
                return new FunctionCode(files.get(entry), null);
            }
            Map<String, byte[]> bytes = new HashMap<>();
            files.forEach((name, text) -> bytes.put(name, text.getBytes(StandardCharsets.UTF_8)));
            return new FunctionCode(files.get(entry), CodePackage.fromFiles(bytes));
        }
    }

    /**
     * Makes the exercise's tables and buckets afresh, deploys the check's own function, runs the check, and
     * removes the function and the fixtures whatever happened.
     */
    private Verdict run(PlatformProbe probe, Fixtures fixtures, WorkspaceId workspace, String function,
                        FunctionSpec spec, SubmissionConfig config) {
        try {
            fixtures.install(services, workspace);
            platform.save(workspace, spec, null);
            fixtures.subscribe(services, workspace, function);
            return probe.run(new Trial(services, workspace, function,
                    new Exercise.Limits((int) spec.timeout().toSeconds(), spec.memoryMb()), config));
        } finally {
            platform.delete(workspace, function);
            fixtures.remove(services, workspace);
        }
    }

    /**
     * Starts the language's engine and runs one trivial function in it, once per platform: the first context of a
     * process (GraalPy's above all) costs seconds that belong to the process's start, not to a learner's checks,
     * and would otherwise push the first submission's first check past its timeout.
     */
    private void prime(Language language) {
        synchronized (primed) {
            if (!primed.add(language)) {
                return;
            }
            platform.runtime().warmUp(language);
            WorkspaceId workspace = scratchWorkspace();
            String code = language == Language.NODEJS ? "export const handler = async () => 1;"
                    : "def lambda_handler(event, context):\n    return 1\n";
            String handler = language == Language.NODEJS ? "index.handler" : "lambda_function.lambda_handler";
            try {
                platform.save(workspace, new FunctionSpec("primer", language, HandlerName.parse(handler), code, 128,
                        Duration.ofSeconds(60), Map.of(), null, 0, FunctionSpec.DEFAULT_KEEP_ALIVE), null);
                platform.invoke(workspace, "primer", null, "{}");
            } finally {
                platform.delete(workspace, "primer");
            }
        }
    }

    private static Grade syntaxError(Exercise exercise, Language language, CodeException e) {
        return refused(exercise, language, CheckStatus.SYNTAX_ERROR, "the code does not parse: "
                + e.error().describe());
    }

    /** A submission no check can run: every check fails with the one {@code message} saying why. */
    private static Grade refused(Exercise exercise, Language language, CheckStatus status, String message) {
        List<CheckResult> results = exercise.checks().stream()
                .map(check -> new CheckResult(check, new Verdict(status, check.expectation(), message, ""), 0))
                .toList();
        return Grade.of(exercise, language, message, results, List.of());
    }

    /**
     * The check's function. Its asynchronous events are not retried unless the check asks (retryAsync): a chain
     * the function started (its writes into a bucket that invokes it) and that failed once the check was over would
     * otherwise wait Lambda's minute for a retry in the log, and hold up the next check's wait for the workspace's
     * events to settle (a looping wrong solution of upload-indexer cost a minute a language).
     */
    private static FunctionSpec spec(String name, Language language, String handler, FunctionCode code,
                                     Exercise.Limits limits, SubmissionConfig config) {
        return new FunctionSpec(name, language, HandlerName.parse(handler), code.entry(), limits.memoryMb(),
                Duration.ofSeconds(limits.timeoutSeconds()), Map.of(), config.reservedConcurrency(), 0,
                FunctionSpec.DEFAULT_KEEP_ALIVE).withEventInvoke(new EventInvokeConfig(0,
                EventInvokeConfig.MAX_EVENT_AGE, null, EventInvokeConfig.RetryDelays.DEMONSTRATION))
                .withCode(code.entry(), code.files());
    }

    /** A workspace no learner has: {@code grade-<n>-<random>}. */
    private static WorkspaceId scratchWorkspace() {
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        return new WorkspaceId("grade-" + SUBMISSIONS.incrementAndGet() + "-" + HexFormat.of().formatHex(random));
    }
}
