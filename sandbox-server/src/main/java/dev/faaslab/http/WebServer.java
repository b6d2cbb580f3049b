package dev.faaslab.http;

import dev.faaslab.platform.Platform;
import dev.faaslab.wiring.Sandbox;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP server: the one place where routes are wired. {@code ./faaslab start} calls it with port
 * 8080, tests with 0 (a free port).
 */
public final class WebServer implements AutoCloseable {

    /** In-flight invocations get this long to finish when the server stops (Lambda's maximum is 900 s; ours is a laptop). */
    static final long STOP_TIMEOUT_MILLIS = 10_000;

    private final Server server;
    private final ServerConnector connector;
    private final EventStreamApi events;
    private final Router router;

    private WebServer(Server server, ServerConnector connector, EventStreamApi events, Router router) {
        this.server = server;
        this.connector = connector;
        this.events = events;
        this.router = router;
    }

    /**
     * Starts a server on {@code host:port} (port 0 picks a free one) serving the sandbox's APIs and,
     * when {@code webRoot} is a directory, the browser app.
     *
     * @throws Exception when the port cannot be bound
     */
    public static WebServer start(Sandbox sandbox, String host, int port, Path webRoot) throws Exception {
        Platform platform = sandbox.platform();
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("faaslab-http");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        WorkspaceResolver workspaces = WorkspaceResolver.local();
        EventStreamApi events = new EventStreamApi(platform, workspaces);
        Router router = new Router(routes(sandbox, workspaces, events));
        Handler.Sequence handlers = new Handler.Sequence();
        if (webRoot != null && Files.isDirectory(webRoot)) {
            ResourceHandler web = new ResourceHandler();
            web.setBaseResource(ResourceFactory.of(web).newResource(webRoot));
            web.setWelcomeFiles(List.of("index.html"));
            web.setDirAllowed(false);
            handlers.addHandler(new PathPrefixFilter(web, List.of("/api", "/fn/", "/2015-03-31/", "/health")));
        }
        handlers.addHandler(router);
        server.setHandler(new GracefulHandler(handlers));
        server.setStopTimeout(STOP_TIMEOUT_MILLIS);
        server.setStopAtShutdown(false);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new WebServer(server, connector, events, router);
    }

    /** Every route the server answers, in the order they are tried. */
    static List<Route> routes(Sandbox sandbox, WorkspaceResolver workspaces, EventStreamApi events) {
        Platform platform = sandbox.platform();
        List<Route> routes = new ArrayList<>();
        routes.addAll(new HealthApi(platform).routes());
        routes.addAll(new OpenApiDocument().routes());
        routes.addAll(new FunctionsApi(platform, workspaces).routes());
        routes.addAll(events.routes());
        routes.addAll(new FunctionTrigger(platform, workspaces).routes());
        routes.addAll(new InvokeApi(platform, workspaces).routes());
        return routes;
    }

    List<Route> routes() {
        return router.routes();
    }

    public int port() {
        return connector.getLocalPort();
    }

    public URI uri() {
        String host = connector.getHost() == null ? "127.0.0.1" : connector.getHost();
        return URI.create("http://" + host + ":" + port() + "/");
    }

    /** Stops taking requests, lets in-flight ones finish (up to {@link #STOP_TIMEOUT_MILLIS}), ends live streams. */
    @Override
    public void close() throws Exception {
        events.close();
        server.stop();
    }
}
