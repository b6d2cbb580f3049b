package dev.faaslab.traffic;

import dev.faaslab.core.WorkspaceId;
import dev.faaslab.platform.ConflictException;
import dev.faaslab.stream.TrafficStatus;
import dev.faaslab.time.Clock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The lab's traffic generator: it sends real HTTP requests to the server's own HTTP trigger, so that
 * every cold start, instance and throttle a learner watches is the platform's own. It runs in the
 * server because a browser opens at most six connections to a host, too few for a burst of twenty.
 * One run per workspace at a time; the most recent one stays to be looked at.
 */
public final class TrafficGenerator implements AutoCloseable {

    /** The generator's requests say who sent them, in the event's {@code requestContext.http.userAgent}. */
    static final String USER_AGENT = "faaslab-traffic";

    private final Clock clock;
    private final URI base;
    private final BiConsumer<WorkspaceId, TrafficStatus> reports;
    private final Function<WorkspaceId, Map<String, String>> credentials;
    // Made by the first run, not with the server: an HTTP client costs a fresh JVM a good part of a second.
    private HttpClient client;
    private final Map<WorkspaceId, TrafficRun> runs = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param base    the server's own address, such as {@code http://127.0.0.1:8080/}
     * @param reports where each run's status goes once a second and when it ends (the workspace's live stream)
     */
    public TrafficGenerator(Clock clock, URI base, BiConsumer<WorkspaceId, TrafficStatus> reports) {
        this(clock, base, reports, workspace -> Map.of());
    }

    /**
     * @param credentials the headers that make a request act for a workspace (a classroom's learner's token);
     *                    none in local mode, where every request is the one learner's
     */
    public TrafficGenerator(Clock clock, URI base, BiConsumer<WorkspaceId, TrafficStatus> reports,
                            Function<WorkspaceId, Map<String, String>> credentials) {
        this.clock = clock;
        this.base = base;
        this.reports = reports;
        this.credentials = credentials;
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        }
        return client;
    }

    /**
     * Starts a run for the workspace.
     *
     * @throws ConflictException when one is already running there
     */
    public TrafficStatus start(WorkspaceId workspace, TrafficPlan plan) {
        if (closed) {
            throw new IllegalStateException("the server is stopping: it starts no traffic");
        }
        TrafficRun run = runs.compute(workspace, (key, current) -> {
            if (current != null && current.running()) {
                throw new ConflictException("a traffic run is already going (" + current.status().pattern()
                        + " to '" + current.status().function() + "'): stop it with DELETE /api/traffic");
            }
            return new TrafficRun(Long.toString(ids.incrementAndGet()), plan, clock, client(), request(key, plan),
                    status -> reports.accept(key, status));
        });
        run.start();
        return run.status();
    }

    /** The workspace's current run, or its most recent one. */
    public Optional<TrafficStatus> current(WorkspaceId workspace) {
        return Optional.ofNullable(runs.get(workspace)).map(TrafficRun::status);
    }

    /** Stops the workspace's run, if one is going; returns its status (or the most recent run's). */
    public Optional<TrafficStatus> stop(WorkspaceId workspace) {
        TrafficRun run = runs.get(workspace);
        if (run == null) {
            return Optional.empty();
        }
        run.stop();
        return Optional.of(run.status());
    }

    private HttpRequest request(WorkspaceId workspace, TrafficPlan plan) {
        // "/fn/hello" for the path "/", as a learner would type it; "/fn/hello/orders/7" otherwise.
        String path = "fn/" + plan.function() + (plan.path().equals("/") ? "" : plan.path());
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path
                        + (plan.query() == null ? "" : "?" + plan.query())))
                .method(plan.method(), plan.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(plan.body()))
                .header("User-Agent", USER_AGENT);
        plan.headers().forEach(builder::setHeader);
        credentials.apply(workspace).forEach(builder::setHeader);
        return builder.build();
    }

    /** Stops every run and drops the connections: the server is stopping, and so do requests in flight. */
    @Override
    public void close() {
        closed = true;
        runs.values().forEach(TrafficRun::close);
        HttpClient made;
        synchronized (this) {
            made = client;
        }
        if (made != null) {
            made.shutdownNow();
        }
    }
}
