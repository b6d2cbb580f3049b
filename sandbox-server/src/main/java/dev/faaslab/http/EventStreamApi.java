package dev.faaslab.http;

import dev.faaslab.platform.Platform;
import dev.faaslab.stream.EventHub;
import dev.faaslab.stream.StreamEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Blocker;

/**
 * {@code GET /api/events}: the workspace's live stream as Server-Sent Events (metrics ticks, instance
 * state changes, log lines; in a class, the learner's class's news as well). Each stream is written by its own virtual thread, so a slow reader holds
 * no server thread; it loses events instead, and is told how many.
 */
final class EventStreamApi implements AutoCloseable {

    /** A comment line this often keeps proxies and browsers from closing a quiet stream. */
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final Platform platform;
    private final WorkspaceResolver workspaces;
    private final Function<Request, List<EventHub>> alsoHeard;
    private final Set<Thread> writers = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** {@code alsoHeard}: other hubs whose events the request's reader hears too (a learner's class's news). */
    EventStreamApi(Platform platform, WorkspaceResolver workspaces, Function<Request, List<EventHub>> alsoHeard) {
        this.platform = platform;
        this.workspaces = workspaces;
        this.alsoHeard = alsoHeard;
    }

    List<Route> routes() {
        return List.of(new Route("GET", "/api/events", this::eventsHandler));
    }

    private void eventsHandler(Exchange exchange) {
        serve(exchange, platform.hub(workspaces.resolve(exchange.request)), alsoHeard.apply(exchange.request));
    }

    /** Streams {@code hub}'s events to the exchange until the reader leaves or the server stops (a class's too). */
    void serve(Exchange exchange, EventHub hub) {
        serve(exchange, hub, List.of());
    }

    private void serve(Exchange exchange, EventHub hub, List<EventHub> others) {
        EventHub.Subscription subscription = hub.subscribe(EventHub.DEFAULT_CAPACITY, others);
        var response = exchange.response;
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream;charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        Thread writer = Thread.ofVirtual().name("faaslab-events").unstarted(() -> {
            try (subscription) {
                write(exchange, ": FaaS Lab live events\nretry: 2000\n\nevent: ready\ndata: {}\n\n");
                while (!closed) {
                    StreamEvent event = subscription.next(HEARTBEAT);
                    write(exchange, event == null ? ": heartbeat\n\n" : "event: " + event.type() + "\ndata: "
                            + Exchange.JSON.writeValueAsString(event) + "\n\n");
                }
                exchange.response.write(true, null, exchange.callback);
            } catch (Exception e) {
                // The reader went away (or the server is stopping): the stream simply ends.
                exchange.callback.failed(e);
            } finally {
                writers.remove(Thread.currentThread());
            }
        });
        writers.add(writer);
        writer.start();
    }

    private static void write(Exchange exchange, String text) throws Exception {
        try (Blocker.Callback written = Blocker.callback()) {
            exchange.response.write(false, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), written);
            written.block();
        }
    }

    /** Ends every open stream, so that a graceful stop need not wait for browsers to leave. */
    @Override
    public void close() {
        closed = true;
        writers.forEach(Thread::interrupt);
    }
}
