package dev.faaslab.http;

import dev.faaslab.course.LessonLibrary;
import dev.faaslab.exercise.ExerciseGrader;
import dev.faaslab.exercise.GradingServices;
import dev.faaslab.platform.Platform;
import dev.faaslab.runtime.Payloads;
import dev.faaslab.stream.StreamEvent;
import dev.faaslab.traffic.TrafficGenerator;
import dev.faaslab.wiring.Sandbox;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.faaslab.classroom.Classroom;
import dev.faaslab.classroom.Submission;
import dev.faaslab.classroom.lti.ClassroomLaunches;
import dev.faaslab.classroom.lti.LtiTool;
import dev.faaslab.classroom.lti.ToolEndpoints;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.time.Clock;
import java.util.function.BiConsumer;
import dev.faaslab.traffic.TrafficPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP server: the one place where routes are wired. {@code ./faaslab start} calls it with port
 * 8080, tests with 0 (a free port).
 */
public final class WebServer implements AutoCloseable {

    /** In-flight invocations get this long to finish when the server stops (Lambda's maximum is 900 s; ours is a laptop). */
    static final long STOP_TIMEOUT_MILLIS = 10_000;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WebServer.class);

    /** How long a request that arrives while the server is still opening its state waits for it. */
    static final long STARTING_WAIT_SECONDS = 30;

    private final Server server;
    private final ServerConnector connector;
    private final Deferred routing = new Deferred();
    // Joined from its parts while the database opens: it needs nothing else, and takes a while to parse.
    private final OpenApiDocument openApi = new OpenApiDocument();
    private final LessonLibrary lessons;
    private volatile EventStreamApi events;
    private volatile TrafficGenerator traffic;
    private volatile BodyLoader bodies;
    private volatile LtiTool lti;
    private volatile Thread retrying;

    private WebServer(Server server, ServerConnector connector, LessonLibrary lessons) {
        this.server = server;
        this.connector = connector;
        this.lessons = lessons;
    }

    /**
     * Starts a server on {@code host:port} (port 0 picks a free one) serving the sandbox's APIs and,
     * when {@code webRoot} is a directory, the browser app.
     *
     * @throws Exception when the port cannot be bound
     */
    public static WebServer start(Sandbox sandbox, String host, int port, Path webRoot) throws Exception {
        return start(sandbox, host, port, webRoot, null);
    }

    /**
     * As {@link #start(Sandbox, String, int, Path)}, with the lessons under {@code lessonsRoot} (null or
     * a missing directory: no lessons).
     */
    public static WebServer start(Sandbox sandbox, String host, int port, Path webRoot, Path lessonsRoot)
            throws Exception {
        WebServer web = listen(host, port, webRoot, lessonsRoot);
        web.serve(sandbox);
        return web;
    }

    /**
     * Binds {@code host:port} and serves the browser app's files at once; API requests wait until
     * {@link #serve} is called. {@code ./faaslab start} binds while the database opens on another
     * thread: on two cores that is a good part of its start-up.
     *
     * @throws Exception when the port cannot be bound
     */
    public static WebServer listen(String host, int port, Path webRoot) throws Exception {
        return listen(host, port, webRoot, null);
    }

    /**
     * As {@link #listen(String, int, Path)}, teaching the lessons under {@code lessonsRoot} (null or a
     * missing directory: none). They are read on the first request for them, or by {@link #preloadLessons}.
     */
    public static WebServer listen(String host, int port, Path webRoot, Path lessonsRoot) throws Exception {
        return listen(host, port, webRoot, lessonsRoot, List.of());
    }

    /**
     * As {@link #listen(String, int, Path, Path)}, answering to the names in {@code allowedHosts} as well as to
     * this machine's own (see {@link AllowedHosts}).
     *
     * @throws IllegalArgumentException when one of {@code allowedHosts} is not a host name
     */
    public static WebServer listen(String host, int port, Path webRoot, Path lessonsRoot, List<String> allowedHosts)
            throws Exception {
        AllowedHosts hosts = AllowedHosts.of(host, allowedHosts);
        LessonLibrary lessons = new LessonLibrary(lessonsRoot);
        Server server = new Server(threadPool("faaslab-http"));
        ServerConnector connector = connector(server, host, port);
        WebServer web = new WebServer(server, connector, lessons);
        Handler.Sequence handlers = new Handler.Sequence();
        handlers.addHandler(new WebJarHandler());
        if (webRoot != null && Files.isDirectory(webRoot)) {
            ResourceHandler files = new ResourceHandler();
            files.setBaseResource(ResourceFactory.of(files).newResource(webRoot));
            files.setWelcomeFiles(List.of("index.html"));
            files.setDirAllowed(false);
            handlers.addHandler(new PathPrefixFilter(files, List.of("/api", "/fn/", "/2015-03-31/", "/health")));
        }
        handlers.addHandler(web.routing);
        server.setHandler(new GracefulHandler(new OriginGuard(handlers, hosts)));
        server.setStopTimeout(STOP_TIMEOUT_MILLIS);
        server.setStopAtShutdown(false);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return web;
    }

    /**
     * Checks names for {@link #listen(String, int, Path, Path, List)}'s {@code allowedHosts}.
     *
     * @throws IllegalArgumentException naming the first that is not a host name, and what would be
     */
    public static void checkAllowedHosts(List<String> allowedHosts) {
        AllowedHosts.of(null, allowedHosts);
    }

    /** Starts answering the API from {@code sandbox}: a class's, with accounts, once {@link Sandbox#classroom()} is on. */
    public void serve(Sandbox sandbox) {
        Platform platform = sandbox.platform();
        Classroom classroom = sandbox.classroomMode() ? sandbox.classroom() : null;
        WorkspaceResolver workspaces = classroom == null ? WorkspaceResolver.local() : ClassroomGate.resolver();
        // A learner's own stream carries their class's news (its pause, what is open); nobody else's class's.
        EventStreamApi stream = new EventStreamApi(platform, workspaces, classroom == null ? request -> List.of()
                : request -> ClassroomGate.principal(request).filter(principal -> principal.classId() != null)
                        .map(learner -> List.of(classroom.news(learner.classId()))).orElse(List.of()));
        events = stream;
        // The generator sends to this server's own HTTP trigger, so it is made once the address is known; in a class
        // its requests carry the learner's generator token, as the learner's own would carry their session.
        TrafficGenerator generator = new TrafficGenerator(platform.clock(), uri(),
                (workspace, status) -> platform.hub(workspace).publish(new StreamEvent.TrafficProgress(status)),
                classroom == null ? workspace -> Map.of()
                        : workspace -> Map.of("Authorization", "Bearer " + classroom.generatorToken(workspace)));
        traffic = generator;
        // The grader is another module: found on the class path if it is there (see ExerciseGrader).
        Supplier<Optional<ExerciseGrader>> grader = () -> ExerciseGrader.load(sandbox.gradingServices());
        ClassroomLaunches launches = classroom == null ? null : launches(sandbox, classroom, grader);
        BiConsumer<WorkspaceId, Submission> history = classroom == null ? (workspace, submission) -> { }
                : (workspace, submission) -> {
                    classroom.recordSubmission(workspace, submission);
                    // The LMS's answer is not the learner's wait: the score is kept first, and sent beside.
                    Thread.ofVirtual().name("faaslab-lti-score").start(() -> launches.submitted(workspace, submission));
                };
        List<Route> routes = routes(sandbox, workspaces, stream, generator, openApi, lessons, grader, history);
        routes.addAll(classroomRoutes(sandbox, classroom, stream, generator, grader, launches));
        Router router = new Router(routes);
        router.setServer(server);
        // The largest body a route takes: an event (Lambda's 6 MB), a bucket's object, or a zipped package.
        int maxBody = (int) Math.max(Math.max(Payloads.MAX_BYTES, sandbox.buckets().limits().maxObjectBytes()),
                dev.faaslab.runtime.CodePackage.MAX_ZIPPED_BYTES);
        // An eighth of the heap for request bodies held at once (64 MB at least): with 1 GB, 12 of 10 MB.
        long bodyBudget = Math.max(64L << 20, Runtime.getRuntime().maxMemory() / 8);
        BodyLoader loader = new BodyLoader(router, maxBody, bodyBudget);
        loader.setServer(server);
        bodies = loader;
        Handler served = loader;
        if (classroom != null) {
            ClassroomGate gate = new ClassroomGate(loader, classroom, platform.clock());
            gate.setServer(server);
            served = gate;
        }
        routing.complete(router, served);
    }

    /** The classroom's routes, in either mode (in local mode they say there are no accounts). */
    private List<Route> classroomRoutes(Sandbox sandbox, Classroom classroom, EventStreamApi stream,
                                        TrafficGenerator generator, Supplier<Optional<ExerciseGrader>> grader,
                                        ClassroomLaunches launches) {
        List<Route> routes = new ArrayList<>(new ClassroomApi(classroom, classroom != null).routes());
        routes.addAll(new ClassesApi(classroom, sandbox.platform(), sandbox.workspaceData(), lessons, grader, generator,
                stream).routes());
        routes.addAll(new LtiPlatformsApi(lti).routes());
        if (lti == null) {
            // The same paths, so that the API is one document: an LMS that reaches a local server learns why not.
            for (Route route : LtiRoutes.paths()) {
                routes.add(new Route(route.method(), route.template(), exchange -> {
                    throw ClassroomApi.off();
                }));
            }
        } else {
            routes.addAll(new LtiRoutes(lti, launches).routes());
        }
        return routes;
    }

    /**
     * The LTI tool, answering at this server's address, and its launches into the classroom: a course's lessons
     * and exercises are what an LMS can link to. Scores an LMS did not take are tried again every 30 s.
     */
    private ClassroomLaunches launches(Sandbox sandbox, Classroom classroom, Supplier<Optional<ExerciseGrader>> grader) {
        LtiTool tool = new LtiTool(sandbox.database().dataSource(), sandbox.clock(), LtiTool.httpClient(),
                new ToolEndpoints(uri()));
        lti = tool;
        Supplier<List<ClassroomLaunches.CourseItem>> items = () -> {
            List<ClassroomLaunches.CourseItem> found = new ArrayList<>();
            lessons.lessons().forEach(lesson -> found.add(new ClassroomLaunches.CourseItem("lesson", lesson.id(),
                    lesson.title(), 0)));
            grader.get().ifPresent(g -> g.exercises().forEach(exercise -> found.add(new ClassroomLaunches.CourseItem(
                    "exercise", exercise.id(), exercise.title(), exercise.points()))));
            return found;
        };
        Clock clock = sandbox.clock();
        retrying = Thread.ofVirtual().name("faaslab-lti-retry").start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    clock.sleepUntil(clock.nanoTime() + ClassroomLaunches.RETRY_EVERY.toNanos());
                    tool.pendingScores().retryDue();
                }
            } catch (InterruptedException stopping) {
                // the server is stopping
            }
        });
        return new ClassroomLaunches(classroom, tool, items, signedIn -> ClassroomApi.setCookie(signedIn,
                tool.endpoints().base().getScheme().equals("https")));
    }

    /** How slowly a request body may come before it is answered with 408 (tests shorten it). */
    void bodyPace(BodyPace pace) {
        bodies.pace(pace);
    }

    /**
     * Reads the lessons on a thread of their own, logging any mistake in them. Call it once the server is
     * ready: reading them takes most of a second of a fresh JVM, which start-up need not wait for.
     */
    public void preloadLessons() {
        lessons.preload();
    }

    /** The route table once {@link #serve} has given it; until then requests wait for it (or get a 503). */
    private static final class Deferred extends Handler.Abstract {
        private final CompletableFuture<Handler> ready = new CompletableFuture<>();
        private volatile Router router;
        private volatile Handler routes;

        /** {@code routes}: the router behind what reads bodies first. */
        void complete(Router router, Handler routes) {
            this.router = router;
            this.routes = routes;
            ready.complete(routes);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            Handler routes = this.routes;
            if (routes == null) {
                try {
                    routes = ready.get(STARTING_WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    new Exchange(request, response, callback, java.util.Map.of()).error(new ApiException(503,
                            "Starting", "the server is still starting (opening its database): try again in a moment"));
                    return true;
                }
            }
            return routes.handle(request, response, callback);
        }
    }

    /**
     * The server's threads: up to 200, as many as the platform's default concurrency needs with room for
     * the API, the page and live streams.
     */
    public static QueuedThreadPool threadPool(String name) {
        // Jetty otherwise starts the platform MBean server (half a second of a fresh JVM) to learn whether
        // references are compressed; they are (heap under 32 GB), so 64-byte lines hold 16 of them.
        if (System.getProperty(REFERENCES_PER_CACHE_LINE) == null) {
            System.setProperty(REFERENCES_PER_CACHE_LINE, "16");
        }
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName(name);
        // Jetty's reserved threads stay on (its default): a request that takes microseconds of platform and
        // guest work is then run by the selecting thread while a reserved one takes over the selecting
        // (the README's "bench http" section has the figures).
        return threads;
    }

    /** An HTTP/1.1 connector on {@code host:port}, added to {@code server}. */
    public static ServerConnector connector(Server server, String host, int port) {
        // Two selecting threads at least: Jetty's default is one per two cores, so one on two cores, which
        // serves fewer requests a second (the README's "bench http" section has the figures).
        int selectors = Math.max(2, Runtime.getRuntime().availableProcessors() / 2);
        ServerConnector connector = new ServerConnector(server, -1, selectors);
        connector.setHost(host);
        connector.setPort(port);
        HttpConfiguration http = connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration();
        // No "Server: Jetty(version)" on every response: it tells the world which version to attack.
        http.setSendServerVersion(false);
        // An object's key is any text, so a path may hold '%25', '%2F', '%2E%2E', '%5C' or '//': the router matches
        // raw segments and decodes each parameter itself. PathPrefixFilter keeps such paths from the files.
        http.setUriCompliance(UriCompliance.DEFAULT.with("faaslab-object-keys",
                UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING, UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
                UriCompliance.Violation.AMBIGUOUS_PATH_SEGMENT, UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT,
                UriCompliance.Violation.SUSPICIOUS_PATH_CHARACTERS));
        server.addConnector(connector);
        // Slow clients hold no thread (BodyLoader), but each holds a file descriptor. Past the limit Jetty stops
        // accepting until a connection closes, rather than run out of descriptors: that would also fail the
        // database's and the buckets' files. Connections idle for 5 s are closed while at the limit.
        NetworkConnectionLimit limit = new NetworkConnectionLimit(maxConnections(), connector);
        limit.setEndPointIdleTimeout(5_000);
        server.addBean(limit);
        return connector;
    }

    /**
     * How many connections the server holds at once: half the process's limit on open files (the JVM raises it
     * to the hard limit), the other half left to the jars, the database and the buckets; 10,000 at most.
     */
    static int maxConnections() {
        return (int) Math.clamp(openFilesLimit() / 2, 256, 10_000);
    }

    /** The process's limit on open files, from {@code /proc} where there is one (it costs no MBean). */
    private static long openFilesLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            // asked below
        }
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : 20_000;
    }

    private static final String REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    /** Every route the server answers, in the order they are tried. */
    static List<Route> routes(Sandbox sandbox, WorkspaceResolver workspaces, EventStreamApi events,
                              TrafficGenerator traffic, OpenApiDocument openApi, LessonLibrary lessons,
                              Supplier<Optional<ExerciseGrader>> grader,
                              BiConsumer<WorkspaceId, Submission> history) {
        Platform platform = sandbox.platform();
        List<Route> routes = new ArrayList<>();
        routes.addAll(new HealthApi(platform).routes());
        routes.addAll(openApi.routes());
        routes.addAll(new FunctionsApi(platform, workspaces).routes());
        routes.addAll(new BillingApi(platform, workspaces).routes());
        routes.addAll(new AccountApi(platform, workspaces).routes());
        routes.addAll(new LessonsApi(lessons).routes());
        routes.addAll(new LessonAnswersApi(lessons, sandbox.workspaceData(), platform.clock(), workspaces).routes());
        routes.addAll(new ProgressApi(sandbox.workspaceData(), platform.clock(), workspaces).routes());
        routes.addAll(new TablesApi(sandbox.tables(), workspaces).routes());
        routes.addAll(new BucketsApi(sandbox.buckets(), workspaces).routes());
        routes.addAll(new QueuesApi(sandbox.queues(), platform, workspaces).routes());
        routes.addAll(new EventSourceMappingsApi(sandbox.queuePoller(), workspaces).routes());
        routes.addAll(new StreamsApi(sandbox.tableStreams(), sandbox.streamPoller(), workspaces).routes());
        routes.addAll(new SchedulesApi(sandbox.scheduler(), platform, workspaces).routes());
        routes.addAll(events.routes());
        Classroom classroom = sandbox.classroomMode() ? sandbox.classroom() : null;
        routes.addAll(new TrafficApi(traffic, platform, workspaces, classroom == null
                ? workspace -> TrafficPlan.MAX_RPS
                : workspace -> classroom.classOfWorkspace(workspace).map(info -> info.quotas().trafficRps())
                        .orElse(TrafficPlan.MAX_RPS)).routes());
        routes.addAll(new SimulationsApi(platform, workspaces).routes());
        routes.addAll(new ExercisesApi(grader, sandbox.workspaceData(), platform.clock(), workspaces, history).routes());
        routes.addAll(new FunctionTrigger(platform, workspaces).routes());
        routes.addAll(new InvokeApi(platform, workspaces).routes());
        return routes;
    }

    List<Route> routes() {
        return routing.router.routes();
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The connections the server holds open now. */
    int openConnections() {
        return connector.getConnectedEndPoints().size();
    }

    public URI uri() {
        String host = connector.getHost() == null ? "127.0.0.1" : connector.getHost();
        return URI.create("http://" + host + ":" + port() + "/");
    }

    /**
     * Stops traffic runs, takes no more requests, lets in-flight ones finish (up to {@link #STOP_TIMEOUT_MILLIS}),
     * ends live streams.
     */
    @Override
    public void close() throws Exception {
        Thread retry = retrying;
        if (retry != null) {
            retry.interrupt();
        }
        TrafficGenerator generator = traffic;
        if (generator != null) {
            generator.close();
        }
        EventStreamApi stream = events;
        if (stream != null) {
            stream.close();
        }
        try {
            server.stop();
        } catch (TimeoutException e) {
            // Jetty has stopped all the same: a request still running when the stop timeout passed is abandoned,
            // as promised above (a learner's invocation that runs to a long limit, a client that left).
            LOG.info("stopped with requests still running after {} ms: they were abandoned", server.getStopTimeout());
        }
    }

    /** How long {@link #close} lets in-flight requests run: {@link #STOP_TIMEOUT_MILLIS}, or less for a test. */
    void stopTimeout(java.time.Duration timeout) {
        server.setStopTimeout(timeout.toMillis());
    }
}
