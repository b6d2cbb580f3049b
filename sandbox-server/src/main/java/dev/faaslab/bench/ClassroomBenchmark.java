package dev.faaslab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.classroom.ClassQuotas;
import dev.faaslab.core.Json;
import dev.faaslab.http.WebServer;
import dev.faaslab.platform.PlatformLimits;
import dev.faaslab.runtime.FunctionRuntime;
import dev.faaslab.runtime.Language;
import dev.faaslab.store.Database;
import dev.faaslab.store.LocalPostgres;
import dev.faaslab.store.PostgresUrl;
import dev.faaslab.time.Clock;
import dev.faaslab.wiring.Sandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A workshop played against a classroom server started in this process as {@code faaslab start --classroom}
 * wires it: an instructor sets up and creates a class, learners join it with its code, each from a cookie jar of
 * their own on a virtual thread. A well-behaved learner opens the first lesson, deploys its function, invokes it
 * every few seconds (the HTTP trigger and the Invoke button by turns), starts a small burst of traffic now and
 * then, and submits the first exercise's reference solution once; a hostile learner deploys the hostile corpus
 * case after case and invokes each. The well-behaved learners' answers are counted and timed; the server's heap
 * and CPU are sampled throughout.
 */
public final class ClassroomBenchmark {

    /**
     * How big a workshop, and for how long.
     *
     * @param learners learners in the class, hostile ones included
     * @param hostile  of those, the ones running the hostile corpus
     * @param duration how long learners keep working once the first has joined
     */
    public record Settings(int learners, int hostile, Duration duration) {

        public Settings {
            if (learners < 1 || hostile < 0 || hostile >= learners) {
                throw new IllegalArgumentException("--learners must be at least 1, and --hostile at least 0 and fewer"
                        + " than --learners (a well-behaved learner is what is measured)");
            }
            if (duration.toSeconds() < 5) {
                throw new IllegalArgumentException("--seconds must be at least 5");
            }
        }
    }

    /** Where the server keeps its state: H2 in the data directory, or a PostgreSQL server. */
    public interface Store extends AutoCloseable {

        /** Opens the sandbox, its files (and H2's, when it is H2) in {@code data}. */
        Sandbox open(Path data, FunctionRuntime runtime);

        /** Where the state is, for the report: {@code H2} or {@code PostgreSQL …}. */
        String describe();

        /** Stops what the store started for the bench (a PostgreSQL server), after the sandbox has closed. */
        @Override
        default void close() {
        }
    }

    /** H2 files in the bench's scratch directory, as {@code faaslab start} keeps them by default. */
    public static Store h2() {
        return new Store() {
            @Override
            public Sandbox open(Path data, FunctionRuntime runtime) {
                return Sandbox.open(Database.open(data), Clock.system(), runtime, PlatformLimits.DEFAULT);
            }

            @Override
            public String describe() {
                return "H2";
            }
        };
    }

    /** The database at {@code url}, as {@code faaslab start --database} uses it: an empty one, which it fills. */
    public static Store postgres(PostgresUrl url) {
        return new Store() {
            @Override
            public Sandbox open(Path data, FunctionRuntime runtime) {
                return Sandbox.open(Database.open(data, url), Clock.system(), runtime, PlatformLimits.DEFAULT);
            }

            @Override
            public String describe() {
                return "PostgreSQL " + url;
            }
        };
    }

    /**
     * A PostgreSQL server of its own, started from Debian's binaries as the store tests start theirs
     * ({@link LocalPostgres}), with one new database; stopped and deleted at the end.
     *
     * @throws IllegalStateException when PostgreSQL is not installed or does not start
     */
    public static Store localPostgres() {
        LocalPostgres server = LocalPostgres.start();
        String version = LocalPostgres.binaries().getParent().getFileName().toString();
        server.execute("CREATE DATABASE faaslab_bench ENCODING 'UTF8' LOCALE 'C' TEMPLATE template0");
        Store store = postgres(server.url("faaslab_bench"));
        return new Store() {
            @Override
            public Sandbox open(Path data, FunctionRuntime runtime) {
                return store.open(data, runtime);
            }

            @Override
            public String describe() {
                return "PostgreSQL " + version + " started for the bench";
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }

    /** The lesson every learner opens, its function, and the exercise they submit (quick to grade). */
    static final String LESSON = "what-serverless-is";
    static final String LESSON_FOLDER = "01-what-serverless-is";
    static final String EXERCISE = "hello-context";

    /**
     * A well-behaved learner's pace, and the class's quotas, chosen so that they never meet: an action every 2-4
     * s is at most 30 requests a minute against 600 invocations a minute; a burst of 5 plus their own invocation
     * is 6 at once against 10 concurrent instances, and 5 requests against 20 a second.
     */
    static final Duration THINK_MIN = Duration.ofSeconds(2);
    static final Duration THINK_MAX = Duration.ofSeconds(4);
    static final int BURST = 5;
    static final Duration BURST_EVERY_MIN = Duration.ofSeconds(20);
    static final Duration BURST_EVERY_MAX = Duration.ofSeconds(40);
    static final ClassQuotas QUOTAS = ClassQuotas.DEFAULT;
    /** A hostile learner's pause between invocations. */
    static final Duration HOSTILE_PAUSE = Duration.ofMillis(250);
    /** Learners arrive over the first tenth of the workshop (at most 20 s), not all in the same millisecond. */
    static final Duration ARRIVALS_MAX = Duration.ofSeconds(20);
    private static final int ERRORS_SHOWN = 10;

    private final FunctionRuntime runtime;
    private final Store store;
    private final Settings settings;
    private final Path home;
    private final PrintWriter progress;

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong bursts = new AtomicLong();
    private final AtomicLong submissions = new AtomicLong();
    private final AtomicLong hostileInvocations = new AtomicLong();
    private final AtomicLong hostileFailures = new AtomicLong();
    private final Samples warmInvoke = new Samples();
    private final Samples httpTrigger = new Samples();
    private final Samples grading = new Samples();
    private final ConcurrentLinkedQueue<String> errorsSeen = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<String, LongAdder> errorKinds = new ConcurrentHashMap<>();

    /**
     * @param home     the folder of the {@code faaslab} launcher: the lessons, the exercises' solutions and the
     *                 hostile corpus are read from it
     * @param progress where to say what is happening, or null
     */
    public ClassroomBenchmark(FunctionRuntime runtime, Store store, Settings settings, Path home, PrintWriter progress) {
        this.runtime = runtime;
        this.store = store;
        this.settings = settings;
        this.home = home;
        this.progress = progress;
    }

    public ClassroomBenchResult run() throws Exception {
        HostileCorpus corpus = settings.hostile() > 0 ? HostileCorpus.read(home) : new HostileCorpus(List.of());
        String lessonCode = Files.readString(home.resolve("lessons").resolve(LESSON_FOLDER).resolve("index.mjs"),
                StandardCharsets.UTF_8);
        String solution = Files.readString(home.resolve("exercises").resolve(EXERCISE).resolve("solution.mjs"),
                StandardCharsets.UTF_8);
        Path data = Files.createTempDirectory("faaslab-bench-classroom");
        try {
            note("starting the server in classroom mode (" + store.describe() + ", files in " + data + ")");
            try (Sandbox sandbox = store.open(data, runtime);
                 WebServer server = WebServer.listen("127.0.0.1", 0, null, home.resolve("lessons"), List.of())) {
                String setUpToken = sandbox.classroom().setUpLink().orElseThrow(
                        () -> new IllegalStateException("a new classroom server printed no set-up link"));
                server.serve(sandbox);
                note("starting the language engines (not counted)");
                runtime.warmUp(Language.NODEJS);
                if (corpus.cases().stream().anyMatch(c -> c.runtime().equals("python"))) {
                    runtime.warmUp(Language.PYTHON);
                }
                String joinCode = newClass(server.uri(), setUpToken);
                return play(server.uri(), joinCode, corpus, lessonCode, solution, sandbox.platform());
            }
        } finally {
            HttpBenchmark.deleteRecursively(data);
        }
    }

    /** The first instructor sets up, creates a class and sets its quotas; answers its join code. */
    private String newClass(URI server, String setUpToken) throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Learner instructor = new Learner(server, "instructor", threads);
            try {
                Learner.Reply setUp = expect(instructor.send("POST", "/api/classroom/setup", Map.of("token", setUpToken,
                        "login", "turing", "name", "Alan Turing", "password", "correct horse battery")), "set up");
                instructor.signedIn(setUp);
                String id = expect(instructor.send("POST", "/api/classes", Map.of("title", "Workshop")), "create a class")
                        .json().path("id").asText();
                JsonNode quotas = Json.MAPPER.valueToTree(QUOTAS);
                return expect(instructor.send("PATCH", "/api/classes/" + id, Map.of("quotas", quotas)), "set quotas")
                        .json().path("joinCode").asText();
            } finally {
                instructor.close();
            }
        }
    }

    private static Learner.Reply expect(Learner.Reply reply, String what) {
        if (!reply.ok()) {
            throw new IllegalStateException("the instructor could not " + what + ": " + reply.status() + " "
                    + reply.body());
        }
        return reply;
    }

    private ClassroomBenchResult play(URI server, String joinCode, HostileCorpus corpus, String lessonCode,
                                      String solution, dev.faaslab.platform.Platform platform) throws Exception {
        int learners = settings.learners();
        Duration duration = settings.duration();
        long arrivalsNanos = Math.min(duration.toNanos() / 10, ARRIVALS_MAX.toNanos());
        note(String.format(Locale.ROOT, "playing a %d s workshop: %d learners (%d hostile) joining over %.0f s",
                duration.toSeconds(), learners, settings.hostile(), arrivalsNanos / 1e9));
        ServerUsage usage = ServerUsage.start();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Future<?>> working = new ArrayList<>();
        List<Future<?>> hostileWorking = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < learners; i++) {
                boolean hostile = i < settings.hostile();
                long arrives = start + (learners == 1 ? 0 : arrivalsNanos * i / (learners - 1));
                Learner learner = new Learner(server, (hostile ? "hostile-" : "learner-") + (i + 1), threads);
                int index = i;
                (hostile ? hostileWorking : working).add(threads.submit(() -> {
                    try {
                        sleepUntil(arrives);
                        if (hostile) {
                            playHostile(learner, joinCode, corpus, index, end);
                        } else {
                            playWellBehaved(learner, joinCode, lessonCode, solution, start, end);
                        }
                    } finally {
                        learner.close();
                    }
                    return null;
                }));
            }
            waitFor(working, end);
            // A hostile learner's last request may be a case that runs to its limit, in the quarantine at the lowest
            // priority: its figures are not the ones measured, so it is abandoned at the end rather than waited for.
            hostileWorking.forEach(learner -> learner.cancel(true));
        }
        double wallSeconds = (System.nanoTime() - start) / 1e9;
        ServerUsage.Figures used = usage.stop();
        errorsSeen.forEach(line -> say("bench classroom: error: " + line));
        java.util.Map<String, Long> kinds = new java.util.TreeMap<>();
        errorKinds.forEach((kind, count) -> kinds.put(kind, count.sum()));
        return new ClassroomBenchResult(learners, settings.hostile(), (int) duration.toSeconds(), store.describe(),
                invocations.get(), requests.get(), errors.get(), kinds, bursts.get(), submissions.get(),
                warmInvoke.percentileMs(50), warmInvoke.percentileMs(99), httpTrigger.percentileMs(99),
                grading.percentileMs(50), grading.percentileMs(99), used.heapMaxMb(), used.heapAfterGcMaxMb(),
                Runtime.getRuntime().maxMemory() >> 20, used.cpuSeconds() / wallSeconds,
                Runtime.getRuntime().availableProcessors(), hostileInvocations.get(), hostileFailures.get(),
                platform.quarantinedCount(), runtime.mode().label());
    }

    /** Learners stop starting anything at the end; a slow last request (a grading) gets two minutes more. */
    private void waitFor(List<Future<?>> working, long end) throws InterruptedException {
        for (Future<?> learner : working) {
            long left = end + TimeUnit.MINUTES.toNanos(2) - System.nanoTime();
            try {
                learner.get(Math.max(left, 1), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                learner.cancel(true);
                error("a learner was still waiting for an answer two minutes after the end");
            } catch (java.util.concurrent.ExecutionException e) {
                error("a learner stopped: " + e.getCause());
            }
        }
    }

    /** Joins, opens the lesson, deploys its function, then invokes, bursts and submits until the end. */
    private void playWellBehaved(Learner learner, String joinCode, String lessonCode, String solution, long start,
                                 long end) throws InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Learner.Reply joined = call(learner, "join", "POST", "/api/classroom/join",
                Map.of("code", joinCode, "name", learner.name));
        if (joined == null) {
            return;
        }
        learner.signedIn(joined);
        call(learner, "list lessons", "GET", "/api/lessons", null);
        Learner.Reply lesson = call(learner, "open a lesson", "GET", "/api/lessons/" + LESSON, null);
        String function = lesson == null ? "hello-serverless" : lesson.json().path("function").asText("hello-serverless");
        if (call(learner, "deploy", "PUT", "/api/functions/" + function,
                Map.of("runtime", "nodejs", "code", lessonCode)) == null) {
            return;
        }
        invoke(learner, function, false); // the first, right after deploying: a cold start, not timed as warm
        long span = end - start;
        long submitAt = start + span * 15 / 100 + (long) (random.nextDouble() * span * 70 / 100);
        boolean submitted = false;
        long nextBurst = System.nanoTime() + between(random, BURST_EVERY_MIN, BURST_EVERY_MAX);
        boolean viaTrigger = random.nextBoolean();
        while (System.nanoTime() < end) {
            long now = System.nanoTime();
            if (!submitted && now >= submitAt) {
                submitted = true;
                submit(learner, solution);
            } else if (now >= nextBurst) {
                nextBurst = now + between(random, BURST_EVERY_MIN, BURST_EVERY_MAX);
                call(learner, "burst", "POST", "/api/traffic", Map.of("function", function, "pattern", "burst",
                        "burst", BURST));
                bursts.incrementAndGet();
            } else {
                invoke(learner, function, viaTrigger);
                viaTrigger = !viaTrigger;
            }
            Thread.sleep(Duration.ofNanos(between(random, THINK_MIN, THINK_MAX)));
        }
        if (!submitted) {
            // A workshop too short to reach their turn: they submit as it ends, so that everyone has once.
            submit(learner, solution);
        }
    }

    /** The exercise's reference solution, graded at once: anything but a pass is an error too. */
    private void submit(Learner learner, String solution) {
        submissions.incrementAndGet();
        Learner.Reply graded = call(learner, "submit", "POST", "/api/exercises/" + EXERCISE + "/submissions",
                Map.of("runtime", "nodejs", "code", solution));
        if (graded == null) {
            return;
        }
        grading.add(graded.nanos());
        JsonNode grade = graded.json();
        if (!"pass".equals(grade.path("status").asText())) {
            errorKind("submit: graded " + grade.path("status").asText());
            StringBuilder failed = new StringBuilder();
            grade.path("checks").forEach(check -> {
                if (!"pass".equals(check.path("status").asText())) {
                    failed.append("; '").append(check.path("name").asText()).append("': ")
                            .append(abbreviate(check.toString()));
                }
            });
            countError(learner, "submit", "the reference solution was graded " + grade.path("status").asText() + " ("
                    + grade.path("score").asText() + "/" + grade.path("maxScore").asText() + ")" + failed);
        }
    }

    private void invoke(Learner learner, String function, boolean viaTrigger) {
        invocations.incrementAndGet();
        if (viaTrigger) {
            Learner.Reply reply = call(learner, "GET /fn/", "GET", "/fn/" + function + "?name=" + learner.name, null);
            if (reply != null) {
                httpTrigger.add(reply.nanos());
            }
            return;
        }
        Learner.Reply reply = call(learner, "invoke", "POST", "/api/functions/" + function + "/invoke",
                Map.of("name", learner.name));
        if (reply == null) {
            return;
        }
        JsonNode answer = reply.json();
        if (answer.has("error")) {
            errorKind("invoke: " + answer.path("error").path("errorType").asText());
            countError(learner, "invoke", "the function failed: " + answer.path("error"));
        } else if (!answer.path("cold").asBoolean(true)) {
            warmInvoke.add(reply.nanos());
        }
    }

    /** Deploys case after case of the corpus, each learner from its own place in it, and invokes each. */
    private void playHostile(Learner learner, String joinCode, HostileCorpus corpus, int index, long end) {
        List<HostileCorpus.Case> cases = corpus.cases();
        try {
            Learner.Reply joined = learner.send("POST", "/api/classroom/join", Map.of("code", joinCode,
                    "name", learner.name));
            if (!joined.ok()) {
                hostileFailures.incrementAndGet();
                return;
            }
            learner.signedIn(joined);
            for (int k = index * 3; System.nanoTime() < end; k++) {
                HostileCorpus.Case hostile = cases.get(k % cases.size());
                hostileInvocations.incrementAndGet();
                try {
                    Learner.Reply deployed = learner.send("PUT", "/api/functions/" + hostile.name(), Map.of(
                            "runtime", hostile.runtime(), "code", hostile.code(),
                            "timeoutSeconds", hostile.timeoutSeconds(), "memoryMb", hostile.memoryMb()));
                    Learner.Reply ran = deployed.ok() ? learner.send("POST", "/api/functions/" + hostile.name()
                            + "/invoke", Map.of()) : deployed;
                    if (!ran.ok() || ran.json().has("error")) {
                        hostileFailures.incrementAndGet();
                    }
                } catch (IOException e) {
                    hostileFailures.incrementAndGet();
                }
                Thread.sleep(HOSTILE_PAUSE);
            }
        } catch (IOException e) {
            hostileFailures.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One request of a well-behaved learner: counted, and any answer but 2xx (or none) is an error. */
    private Learner.Reply call(Learner learner, String what, String method, String path, Object body) {
        requests.incrementAndGet();
        try {
            Learner.Reply reply = learner.send(method, path, body);
            if (!reply.ok()) {
                errorKind(what + ": " + reply.status());
                countError(learner, what, reply.status() + " " + abbreviate(reply.body()));
                return null;
            }
            return reply;
        } catch (IOException e) {
            errorKind(what + ": no answer");
            countError(learner, what, "no answer: " + e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            countError(learner, what, "interrupted");
            return null;
        }
    }

    private void countError(Learner learner, String what, String why) {
        errors.incrementAndGet();
        if (errorsSeen.size() < ERRORS_SHOWN) {
            errorsSeen.add(learner + " " + what + ": " + why);
        }
    }

    private void errorKind(String kind) {
        errorKinds.computeIfAbsent(kind, ignored -> new LongAdder()).increment();
    }

    private void error(String why) {
        errorKind(why);
        errors.incrementAndGet();
        if (errorsSeen.size() < ERRORS_SHOWN) {
            errorsSeen.add(why);
        }
    }

    private static String abbreviate(String body) {
        return body.length() <= 600 ? body : body.substring(0, 600) + "…";
    }

    private static long between(ThreadLocalRandom random, Duration min, Duration max) {
        return random.nextLong(min.toNanos(), max.toNanos() + 1);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Thread.sleep(Duration.ofNanos(left));
        }
    }

    private void note(String step) {
        say("bench classroom: " + step + " ...");
    }

    private void say(String line) {
        if (progress != null) {
            progress.println(line);
            progress.flush();
        }
    }

    /** Latencies, kept whole (a workshop makes thousands, not millions) and sorted for percentiles. */
    static final class Samples {
        private long[] nanos = new long[1024];
        private int size;

        synchronized void add(long value) {
            if (size == nanos.length) {
                nanos = java.util.Arrays.copyOf(nanos, size * 2);
            }
            nanos[size++] = value;
        }

        /** The {@code p}th percentile in milliseconds (nearest rank), null when there are none. */
        synchronized Double percentileMs(double p) {
            if (size == 0) {
                return null;
            }
            long[] sorted = java.util.Arrays.copyOf(nanos, size);
            java.util.Arrays.sort(sorted);
            int rank = (int) Math.ceil(p / 100 * size);
            return sorted[Math.max(rank, 1) - 1] / 1e6;
        }
    }
}
